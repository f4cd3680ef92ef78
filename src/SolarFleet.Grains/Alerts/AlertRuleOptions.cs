using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>SolarFleet:Alerts — the limits and timings of the alert rules.</summary>
public sealed class AlertRuleOptions
{
    public const string Section = "SolarFleet:Alerts";

    private static readonly Dictionary<AlertKind, AlertTiming> Defaults = new()
    {
        // Unreachable and stale already wait for their health rule (failed polls, a TimeStamp stopped for 70 s).
        [AlertKind.Unreachable] = AlertTiming.Of(TimeSpan.Zero, TimeSpan.FromMinutes(5)),
        [AlertKind.Stale] = AlertTiming.Of(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)),

        // Brief fault codes come with grid disturbances; an inverter that stays faulted needs a visit.
        [AlertKind.Fault] = AlertTiming.Of(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)),
        // An inverter tripped by a grid disturbance waits up to five minutes before it reconnects: dark for ten is real.
        [AlertKind.DarkInDaylight] = AlertTiming.Of(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)),
        [AlertKind.Underproducing] = AlertTiming.Of(TimeSpan.Zero, TimeSpan.Zero),
        [AlertKind.ClockSkew] = AlertTiming.Of(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)),

        // A single misread is the ledger's to set aside; a counter that stays off is worth telling.
        [AlertKind.LifetimeAnomaly] = AlertTiming.Of(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)),
        [AlertKind.GridOutOfRange] = AlertTiming.Of(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)),
    };

    public GridLimits Grid { get; set; } = new();

    public DaylightOptions Daylight { get; set; } = new();

    public UnderproductionOptions Underproduction { get; set; } = new();

    /// <summary>Per kind, replacing the default timing (SolarFleet:Alerts:Timing:GridOutOfRange:RaiseAfter, …).</summary>
    public Dictionary<AlertKind, AlertTimingOverride> Timing { get; set; } = [];

    public AlertTiming TimingOf(AlertKind kind)
    {
        // A window or two below the threshold may be a cloud bank over this end of the street alone: it must hold at
        // three window ends in a row (a whole day below it is decisive on its own).
        var standard = kind == AlertKind.Underproducing ? AlertTiming.Of(2 * Underproduction.Window, Underproduction.Window) : Defaults[kind];
        return Timing.TryGetValue(kind, out var custom)
            ? AlertTiming.Of(custom.RaiseAfter ?? standard.RaiseAfter, custom.ClearAfter ?? standard.ClearAfter)
            : standard;
    }
}

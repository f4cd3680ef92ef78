using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// A deterministic inverter day in site-local time: asleep until 06:00, a sine-shaped output peaking at
/// <see cref="PeakW"/> at 13:00, dark from 20:00. The Pi keeps the last values (and TimeStamp) while the inverter is
/// dark. An optional restart at <see cref="RestartAt"/> resets PowerToday without losing the true energy.
/// </summary>
public sealed class SunnyDay(TimeZoneInfo zone)
{
    public const int PeakW = 3600;
    public static readonly TimeSpan Dawn = TimeSpan.FromHours(6);
    public static readonly TimeSpan Dusk = TimeSpan.FromHours(20);
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(23);

    public TimeSpan? RestartAt { get; init; }

    public double LifetimeStartKwh { get; init; } = 10_000;

    /// <summary>Energy really produced on a local date up to a local time of day (the truth the ledger must reach).</summary>
    public static long TrueEnergyWh(TimeSpan timeOfDay)
    {
        var end = Clamp(timeOfDay);
        var days = Dusk - Dawn;

        // Integral of PeakW·sin(π·x/days) over [0, end-dawn], in watt-hours.
        var hours = days.TotalHours;
        var x = (end - Dawn).TotalHours;
        return (long)Math.Floor(PeakW * hours / Math.PI * (1 - Math.Cos(Math.PI * x / hours)));
    }

    /// <summary>What the Pi reports as PowerToday at a local time of day (after a restart, only the new stretch).</summary>
    public long PowerTodayAt(TimeSpan timeOfDay)
    {
        var cycle = CycleStart(Clamp(timeOfDay));
        var produced = TrueEnergyWh(cycle);
        return RestartAt is { } restart && cycle >= restart ? produced - TrueEnergyWh(restart) : produced;
    }

    public PiReading At(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var timeOfDay = local.TimeOfDay;
        if (timeOfDay < Dawn)
        {
            // Dark since yesterday's dusk: the Pi still tells yesterday's last values.
            return Frozen(local.Date.AddDays(-1));
        }

        if (timeOfDay >= Dusk)
        {
            return Frozen(local.Date);
        }

        var cycleStart = CycleStart(timeOfDay);
        return Reading(local.Date, cycleStart, status: cycleStart == Dawn ? 3 : 7);
    }

    // The Pi's values are as of the inverter's last 23-second cycle (dusk ends the last one).
    private static TimeSpan CycleStart(TimeSpan timeOfDay) => timeOfDay >= Dusk
        ? Dusk
        : Dawn + TimeSpan.FromTicks((timeOfDay - Dawn).Ticks / Cycle.Ticks * Cycle.Ticks);

    private PiReading Frozen(DateTime date) => Reading(date, Dusk, status: 3);

    private PiReading Reading(DateTime date, TimeSpan timeOfDay, int status)
    {
        var produced = TrueEnergyWh(timeOfDay);
        var powerToday = PowerTodayAt(timeOfDay);
        var hours = (Dusk - Dawn).TotalHours;
        var power = timeOfDay > Dawn && timeOfDay < Dusk
            ? (int)(PeakW * Math.Sin(Math.PI * (timeOfDay - Dawn).TotalHours / hours))
            : 0;
        return new PiReading
        {
            PowerNowW = power,
            PowerTodayWh = powerToday,
            PowerTotal = LifetimeStartKwh + (date.DayOfYear * 30.0) + produced / 1000.0,
            StatusCode = status,
            GridVoltageV = 240.2,
            GridFrequencyHz = 60.01,
            UptimeSeconds = (long)Math.Max(0, (timeOfDay - Dawn).TotalSeconds),
            Timestamp = date + timeOfDay,
        };
    }

    private static TimeSpan Clamp(TimeSpan timeOfDay) => timeOfDay < Dawn ? Dawn : timeOfDay > Dusk ? Dusk : timeOfDay;
}

using System.Globalization;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// What each alert rule makes of one poll, free of Orleans. A rule that cannot tell (a failed poll says nothing of the
/// grid; the sun is down for an inverter that sleeps) answers <see cref="AlertCondition.Unknown"/>, which leaves its
/// alert as it stands.
/// </summary>
public static class InverterAlertRules
{
    /// <summary>The verdicts of a good poll, after health and ledger have taken it in.</summary>
    public static IEnumerable<AlertObservation> OfGoodPoll(in GoodPollFacts facts, AlertRuleOptions options, Func<AlertKind, bool> isOpen)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isOpen);
        var health = facts.Health;
        return
        [
            AlertObservation.Absent(AlertKind.Unreachable),
            health == InverterHealth.Fault
                ? new AlertObservation(AlertKind.Fault, AlertCondition.Present, $"Inverter reports fault status {facts.StatusCode}", $"The inverter reports status code {facts.StatusCode} ({facts.StatusText}).", Figures(("statusCode", facts.StatusCode ?? 0)))
                : AlertObservation.Absent(AlertKind.Fault),
            health == InverterHealth.Stale
                ? new AlertObservation(AlertKind.Stale, AlertCondition.Present, "Values stopped changing", "The inverter says it is generating, but the Pi's TimeStamp has stopped moving: the values shown are old.")
                : AlertObservation.Absent(AlertKind.Stale),
            facts.ClockSkew is { } skew
                ? new AlertObservation(AlertKind.ClockSkew, AlertCondition.Present, "The Pi's clock is off", $"The Pi's TimeStamp is not believed: {skew}. Energy is dated by the poll clock meanwhile.")
                : AlertObservation.Absent(AlertKind.ClockSkew),
            Lifetime(facts.Lifetime),
            Grid(facts, options.Grid, isOpen(AlertKind.GridOutOfRange)),
            Dark(facts),
        ];
    }

    /// <summary>The verdicts of a failed poll: only reachability is known.</summary>
    public static IEnumerable<AlertObservation> OfFailedPoll(InverterHealth health, int consecutiveFailures, string? lastError) =>
        health == InverterHealth.Unreachable
            ? [new AlertObservation(AlertKind.Unreachable, AlertCondition.Present, "The Pi does not answer", $"{consecutiveFailures} polls in a row failed; the last: {lastError}", Figures(("consecutiveFailures", consecutiveFailures)))]
            : [];

    private static AlertObservation Lifetime(LifetimeView lifetime) => lifetime switch
    {
        { OffScaleKwh: { } read, KeptKwh: { } kept } => new AlertObservation(
            AlertKind.LifetimeAnomaly,
            AlertCondition.Present,
            read < kept ? "PowerTotal went backwards" : "PowerTotal jumped",
            string.Create(CultureInfo.InvariantCulture, $"The Pi reads PowerTotal {read} kWh against the {kept} kWh kept; the ledger keeps {kept} kWh until the counter is consistent again."),
            Figures(("powerTotalReadKwh", read), ("powerTotalKeptKwh", kept))),
        // However briefly it was off (ten polls make a new baseline, a minute at a short period), a counter that started
        // again is worth a look: a replaced inverter, or a reset nobody reported.
        { NewCountFromKwh: { } old, KeptKwh: { } now } => new AlertObservation(
            AlertKind.LifetimeAnomaly,
            AlertCondition.Present,
            "PowerTotal started a new count",
            string.Create(CultureInfo.InvariantCulture, $"PowerTotal left {old} kWh and counted on from a new value to {now} kWh; the ledger follows the new count. A replaced inverter or a reset counter does this."),
            Figures(("powerTotalReadKwh", now), ("powerTotalKeptKwh", old)),
            Decisive: true),
        { Read: true } => AlertObservation.Absent(AlertKind.LifetimeAnomaly),
        _ => AlertObservation.Unknown(AlertKind.LifetimeAnomaly),
    };

    // The grid is only seen while the inverter feeds it; inside the limits by less than the margin changes nothing.
    private static AlertObservation Grid(in GoodPollFacts facts, GridLimits limits, bool open)
    {
        if (facts.Health != InverterHealth.Online || (facts.GridVoltageV is null && facts.GridFrequencyHz is null))
        {
            return AlertObservation.Unknown(AlertKind.GridOutOfRange);
        }

        // The common case, a grid well inside its limits, allocates nothing.
        if (Settled(facts.GridVoltageV, limits.MinVoltageV, limits.MaxVoltageV, limits.VoltageMarginV)
            && Settled(facts.GridFrequencyHz, limits.MinFrequencyHz, limits.MaxFrequencyHz, limits.FrequencyMarginHz))
        {
            return AlertObservation.Absent(AlertKind.GridOutOfRange);
        }

        var outside = new List<string>();
        var figures = new Dictionary<string, double>();
        var settled = Judge(facts.GridVoltageV, "grid voltage", "V", "VoltageV", limits.MinVoltageV, limits.MaxVoltageV, limits.VoltageMarginV, figures, outside)
            & Judge(facts.GridFrequencyHz, "grid frequency", "Hz", "FrequencyHz", limits.MinFrequencyHz, limits.MaxFrequencyHz, limits.FrequencyMarginHz, figures, outside);
        if (outside.Count > 0)
        {
            var detail = string.Join("; ", outside);
            return new AlertObservation(AlertKind.GridOutOfRange, AlertCondition.Present, "Grid outside its limits", char.ToUpperInvariant(detail[0]) + detail[1..] + ".", figures);
        }

        return settled || !open ? AlertObservation.Absent(AlertKind.GridOutOfRange) : AlertObservation.Unknown(AlertKind.GridOutOfRange);
    }

    // True when the value is inside its limits by the margin (or unknown); a value outside them is named in outside.
    private static bool Judge(double? value, string what, string unit, string figure, double min, double max, double margin, Dictionary<string, double> figures, List<string> outside)
    {
        if (value is not { } v)
        {
            return true;
        }

        figures["grid" + figure] = v;
        figures["min" + figure] = min;
        figures["max" + figure] = max;
        if (v < min || v > max)
        {
            outside.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {v} {unit} is outside {min}-{max} {unit}"));
        }

        return Settled(v, min, max, margin);
    }

    private static bool Settled(double? value, double min, double max, double margin) =>
        value is not { } v || (v >= min + margin && v <= max - margin);

    // Dark is asleep, or awake without generating (standby, idle), while the sun has been well up; a fault, a stale Pi
    // or an unreachable one has an alert of its own.
    private static AlertObservation Dark(in GoodPollFacts facts)
    {
        if (facts.Health == InverterHealth.Fault || (facts.Health == InverterHealth.Online && facts.Generating))
        {
            return AlertObservation.Absent(AlertKind.DarkInDaylight);
        }

        if (facts.Health is not (InverterHealth.Asleep or InverterHealth.Online) || facts.SunUpLongEnough != true)
        {
            return AlertObservation.Unknown(AlertKind.DarkInDaylight);
        }

        var detail = facts.WokeToday
            ? "The inverter went dark while the sun is well up: it stopped generating."
            : "The sun is well up and the inverter has not woken today: it reports its last values from an earlier day.";
        return new AlertObservation(
            AlertKind.DarkInDaylight,
            AlertCondition.Present,
            facts.WokeToday ? "Went dark in daylight" : "Has not woken in daylight",
            $"{detail} {facts.DaylightBasis}",
            Figures(("sunElevationDeg", Math.Round(facts.SunElevationDegrees ?? 0, 1))));
    }

    private static Dictionary<string, double> Figures(params (string Name, double Value)[] figures) =>
        figures.ToDictionary(f => f.Name, f => f.Value);
}

using FsCheck.Xunit;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Tests.Support;

namespace SolarFleet.Grains.Tests.Units;

/// <summary>
/// The ledger against an inverter's own truth, on an inverter the ledger already knew the evening before (so the day's
/// PowerTotal start is known, as it is every day but the first).
/// </summary>
public sealed class LedgerProperties
{
    [Property(MaxTest = 300)]
    public bool Any_honest_day_with_misreads_inserted_and_at_most_one_restart_is_counted_to_the_watt_hour(Guid seed, bool restart)
    {
        var random = new Random(seed.GetHashCode());
        var day = new HonestDay(random, restart);
        var misreadChance = random.NextDouble() * 0.3;
        var readings = new List<LedgerReading>();
        foreach (var honest in day.Readings)
        {
            readings.Add(honest);
            if (random.NextDouble() < misreadChance && HonestDay.Misread(honest, random) is { } misread)
            {
                readings.Add(misread);
            }
        }

        return Count(day, readings) == day.TrueEnergyWh;
    }

    /// <summary>
    /// Without UpTime a restart shows only by the new PowerToday rising with PowerTotal, and a misread that happens to
    /// fall where the old counter would stand cannot be told from it: the day is then held by PowerTotal's growth
    /// (one resolution step over at most), and a restart too late to rise two tolerances is counted low by its stretch.
    /// Without a restart the day is exact.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool A_pi_without_uptime_counts_its_day_exactly_or_with_a_restart_within_power_totals_bound(Guid seed, bool restart)
    {
        var random = new Random(seed.GetHashCode());
        var day = new HonestDay(random, restart, uptimeAnswered: false);
        var misreadChance = random.NextDouble() * 0.3;
        var readings = new List<LedgerReading>();
        foreach (var honest in day.Readings)
        {
            readings.Add(honest);
            if (random.NextDouble() < misreadChance && HonestDay.Misread(honest, random) is { } misread)
            {
                readings.Add(misread);
            }
        }

        var counted = Count(day, readings);
        if (!restart)
        {
            return counted == day.TrueEnergyWh;
        }

        var tolerance = new PowerTodayReading(0, null, null, LedgerLimits.ResolutionWh(0.001), default, null).ToleranceWh;
        var grew = DayTotals.Wh(day.Readings[^1].LifetimeKwh!.Value) - DayTotals.Wh(day.StartLifetimeKwh);
        return counted <= grew + 1 && day.TrueEnergyWh - counted <= 3 * tolerance;
    }

    [Property(MaxTest = 300)]
    public bool With_any_polls_dropped_the_day_never_counts_more_than_the_inverter_made(Guid seed, bool restart)
    {
        var random = new Random(seed.GetHashCode());
        var day = new HonestDay(random, restart);
        var keep = 0.05 + (random.NextDouble() * 0.95);
        var misreadChance = random.NextDouble() * 0.3;
        var readings = new List<LedgerReading>();
        foreach (var honest in day.Readings)
        {
            if (random.NextDouble() < keep)
            {
                readings.Add(honest);
            }

            if (random.NextDouble() < misreadChance && HonestDay.Misread(honest, random) is { } misread)
            {
                readings.Add(misread);
            }
        }

        return Count(day, readings) <= day.TrueEnergyWh;
    }

    private static long Count(HonestDay day, IEnumerable<LedgerReading> readings)
    {
        var ledger = new EnergyLedger(new EnergyLedgerState(), daysKept: 3, clockSkewTolerance: TimeSpan.FromMinutes(10));
        var changed = new List<DayEnergyState>();
        ledger.Apply(day.EveningBefore(), TimeZoneInfo.Utc, changed);
        foreach (var reading in readings)
        {
            ledger.Apply(reading, TimeZoneInfo.Utc, changed);
        }

        return ledger.EnergyOn(HonestDay.Date);
    }
}

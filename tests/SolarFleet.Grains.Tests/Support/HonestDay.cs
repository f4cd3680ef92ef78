using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// An honest SPR-4000m day, update by update (23 s): a sine of production between sunrise and sunset, PowerToday
/// and UpTime that start at 0 in the morning and again after an optional restart (followed by seven minutes of standby
/// and sync, as the real inverter does), and a PowerTotal in kWh to the watt-hour that counts on through it all.
/// <see cref="Readings"/> are what a Pi polled at every update would say; <see cref="TrueEnergyWh"/> is what the
/// inverter's own counters say the day made.
/// </summary>
public sealed class HonestDay
{
    public static readonly DateOnly Date = new(2026, 6, 21);
    private const int StepSeconds = 23;
    private const int RestartQuietSteps = 18;

    /// <param name="uptimeAnswered">False for firmware that refuses UpTime.</param>
    public HonestDay(Random random, bool restart, bool uptimeAnswered = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        var peakW = random.Next(600, 4001);
        var sunrise = TimeSpan.FromMinutes(random.Next(5 * 60, 8 * 60));
        var sunset = TimeSpan.FromMinutes(random.Next(17 * 60, 20 * 60 + 30));
        var startWh = (long)random.Next(0, 50_000_000);
        var first = (int)(TimeSpan.FromHours(4).TotalSeconds / StepSeconds);
        var last = (int)(TimeSpan.FromHours(22).TotalSeconds / StepSeconds);
        int? restartStep = restart
            ? (int)((sunrise + ((sunset - sunrise) * random.NextDouble())).TotalSeconds / StepSeconds)
            : null;

        StartLifetimeKwh = startWh / 1000.0;
        double exact = 0, segmentStartExact = 0;
        long uptime = 0, closedSegmentsWh = 0;
        var quietUntil = -1;
        var readings = new List<LedgerReading>();
        for (var step = first; step <= last; step++)
        {
            var time = TimeSpan.FromSeconds(step * StepSeconds);
            if (step == restartStep)
            {
                closedSegmentsWh += (long)Math.Floor(exact - segmentStartExact);
                segmentStartExact = exact;
                uptime = 0;
                quietUntil = step + RestartQuietSteps;
            }

            var light = time > sunrise && time < sunset ? Math.Sin(Math.PI * (time - sunrise) / (sunset - sunrise)) : 0;
            if (light > 0 && step > quietUntil)
            {
                exact += peakW * light * StepSeconds / 3600.0;
                uptime += StepSeconds;
            }

            var at = new DateTimeOffset(Date.ToDateTime(TimeOnly.FromTimeSpan(time)), TimeSpan.Zero);
            readings.Add(new LedgerReading(
                at,
                at.DateTime,
                at.DateTime.AddSeconds(-5),
                (long)Math.Floor(exact - segmentStartExact),
                (startWh + (long)Math.Floor(exact)) / 1000.0,
                0.001,
                uptimeAnswered ? uptime : null));
        }

        Readings = readings;
        TrueEnergyWh = closedSegmentsWh + readings[^1].PowerTodayWh!.Value;
    }

    /// <summary>PowerTotal the evening before, as the ledger saw it then.</summary>
    public double StartLifetimeKwh { get; }

    public IReadOnlyList<LedgerReading> Readings { get; }

    public long TrueEnergyWh { get; }

    /// <summary>The evening before: the reading that tells the ledger where the day's PowerTotal starts.</summary>
    public LedgerReading EveningBefore()
    {
        var at = new DateTimeOffset(Date.AddDays(-1).ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero);
        return new LedgerReading(at, at.DateTime, at.DateTime.AddHours(-2), 15_000, StartLifetimeKwh, 0.001, 40_000);
    }

    /// <summary>
    /// A misread a Pi might give between two polls, keeping the UpTime and PowerTotal it holds: PowerToday read below
    /// the truth (a stuck or zeroed register) or far above anything the inverter could have made.
    /// </summary>
    public static LedgerReading? Misread(LedgerReading honest, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var truth = honest.PowerTodayWh!.Value;
        var at = honest.PolledAt.AddSeconds(10);
        var low = random.Next(2) == 0;
        if (low && truth == 0)
        {
            return null;
        }

        var value = low ? random.NextInt64(0, truth) : Math.Min(100_000, truth + random.Next(200, 100_001));
        return value == truth ? null : honest with { PolledAt = at, SiteLocalPollTime = at.DateTime, PowerTodayWh = value };
    }
}

namespace SolarFleet.Grains.Energy;

/// <summary>
/// Readings of PowerToday below the day's level from a Pi that does not answer UpTime: a restart once a run of them has
/// risen with PowerTotal, misreads when the level comes back (see <see cref="PowerTodayRules"/>).
/// </summary>
[GenerateSerializer]
public sealed class PendingDrop
{
    [Id(0)]
    public long FirstWh { get; set; }

    [Id(1)]
    public double FirstLifetimeKwh { get; set; }

    [Id(2)]
    public long LastWh { get; set; }

    [Id(3)]
    public int Count { get; set; }

    [Id(4)]
    public DateTimeOffset FirstAt { get; set; }

    /// <summary>PowerToday minus PowerTotal (Wh) of the run of agreeing readings: readings that rise with PowerTotal share it.</summary>
    [Id(5)]
    public long OffsetWh { get; set; }

    /// <summary>Every reading held below the day's level since the drop, agreeing or not, and their range.</summary>
    [Id(6)]
    public int HeldCount { get; set; }

    [Id(7)]
    public DateTimeOffset HeldSince { get; set; }

    [Id(8)]
    public long HeldLowWh { get; set; }

    [Id(9)]
    public long HeldHighWh { get; set; }
}

namespace SolarFleet.Grains.Energy;

/// <summary>
/// Readings of PowerToday below the day's level from a Pi that does not answer UpTime: a restart once PowerTotal has
/// grown with them, a misread when the level comes back (see <see cref="PowerTodayRules"/>).
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
}

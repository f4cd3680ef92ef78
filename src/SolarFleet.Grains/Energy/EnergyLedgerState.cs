namespace SolarFleet.Grains.Energy;

/// <summary>An inverter's energy accounting as kept in grain state: lifetime tracking plus the few most recent dates.</summary>
[GenerateSerializer]
public sealed class EnergyLedgerState
{
    /// <summary>Largest lifetime energy ever read (it only grows).</summary>
    [Id(0)]
    public double? LifetimeKwh { get; set; }

    /// <summary>The lifetime value of the previous reading, so a lowered value repeated on every poll counts as one anomaly.</summary>
    [Id(1)]
    public double? LastReportedLifetimeKwh { get; set; }

    /// <summary>Recent dates, oldest first.</summary>
    [Id(2)]
    public List<DayEnergyState> Days { get; set; } = [];

    /// <summary>The site-local date of the latest reading's TimeStamp (the inverter's "today").</summary>
    [Id(3)]
    public DateOnly? LatestReadingDate { get; set; }

    /// <summary>The site-local date of the latest successful poll (poll clock), to notice when a date is over.</summary>
    [Id(4)]
    public DateOnly? LastPollDate { get; set; }
}

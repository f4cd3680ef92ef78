namespace SolarFleet.Grains.Energy;

/// <summary>An inverter's energy accounting as kept in grain state: lifetime tracking plus the few most recent dates.</summary>
[GenerateSerializer]
public sealed class EnergyLedgerState
{
    /// <summary>Largest accepted lifetime energy (it only grows, unless the counter starts a new count).</summary>
    [Id(0)]
    public double? LifetimeKwh { get; set; }

    /// <summary>Recent dates, oldest first.</summary>
    [Id(2)]
    public List<DayEnergyState> Days { get; set; } = [];

    /// <summary>The site-local date the latest reading belongs to (the inverter's "today").</summary>
    [Id(3)]
    public DateOnly? LatestReadingDate { get; set; }

    /// <summary>The site-local date of the latest successful poll (poll clock), to notice when a date is over.</summary>
    [Id(4)]
    public DateOnly? LastPollDate { get; set; }

    /// <summary>The Pi's TimeStamp at the previous good poll: whether it moved tells fresh values from old ones.</summary>
    [Id(5)]
    public DateTime? LastTimestamp { get; set; }

    /// <summary>When (poll clock) <see cref="LifetimeKwh"/> was last accepted: how far it may grow is measured from here.</summary>
    [Id(6)]
    public DateTimeOffset? LifetimeAcceptedAt { get; set; }

    /// <summary>PowerTotal's resolution in kWh, from the digits the Pi answers with.</summary>
    [Id(7)]
    public double? LifetimeResolutionKwh { get; set; }

    /// <summary>The Pi ("host:port") whose values this ledger holds.</summary>
    [Id(8)]
    public string? Source { get; set; }

    /// <summary>Set while a changed address waits for its first reading.</summary>
    [Id(9)]
    public SourceCheck? PendingSource { get; set; }

    /// <summary>PowerTotal readings that do not follow on from <see cref="LifetimeKwh"/>.</summary>
    [Id(10)]
    public LifetimeRun? OffScale { get; set; }
}

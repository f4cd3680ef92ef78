namespace SolarFleet.Grains.Energy;

/// <summary>
/// The inverter's address changed and the new Pi has not been heard yet: what the old source last said, so the first
/// reading of the new one shows whether it is the same inverter (see <see cref="SourceRules"/>).
/// </summary>
[GenerateSerializer]
public sealed class SourceCheck
{
    [Id(0)]
    public string OldSource { get; set; } = string.Empty;

    [Id(1)]
    public string NewSource { get; set; } = string.Empty;

    /// <summary>When the address changed (poll clock).</summary>
    [Id(2)]
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The site-local date the address changed on.</summary>
    [Id(3)]
    public DateOnly ChangedOn { get; set; }

    [Id(4)]
    public double? OldLifetimeKwh { get; set; }

    [Id(5)]
    public DateTimeOffset? OldLifetimeAt { get; set; }

    /// <summary>The latest reading date of the old source, and its last accepted PowerToday on that date.</summary>
    [Id(6)]
    public DateOnly? OldDate { get; set; }

    [Id(7)]
    public long? OldPowerTodayWh { get; set; }

    [Id(8)]
    public DateTimeOffset? OldPowerTodayAt { get; set; }
}

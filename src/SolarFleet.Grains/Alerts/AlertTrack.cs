using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>Where one kind of alert stands for one inverter: the condition's current run, and the open alert if any.</summary>
[GenerateSerializer]
public sealed class AlertTrack
{
    /// <summary>Since when the condition has held without a clear observation between.</summary>
    [Id(0)]
    public DateTimeOffset? ConditionSince { get; set; }

    /// <summary>Since when an open alert's condition has been clear.</summary>
    [Id(1)]
    public DateTimeOffset? ClearSince { get; set; }

    [Id(2)]
    public Alert? Open { get; set; }

    /// <summary>The last alert resolved, recorded again with the open one after a reactivation (recording is idempotent).</summary>
    [Id(3)]
    public Alert? LastResolved { get; set; }
}

namespace SolarFleet.Grains.Alerts;

/// <summary>What every alert store needs to know: the webhooks to create deliveries for, and the memory store's bound.</summary>
public sealed class AlertStoreOptions
{
    /// <summary>
    /// Names of the configured webhooks: each transition that changes an alert gets one delivery per name. Empty (no
    /// webhooks) creates none.
    /// </summary>
    public IList<string> Webhooks { get; set; } = [];

    /// <summary>Resolved alerts the in-memory store keeps (the oldest resolved go first); open alerts are always kept.</summary>
    public int MaxResolvedInMemory { get; set; } = 10_000;
}

using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Grains.Sites;

/// <summary>What a site grain persists: its settings and its inverters' settings. Summaries live in memory only.</summary>
[GenerateSerializer]
public sealed class SiteState
{
    /// <summary>Null when the site does not exist (never configured, or removed longer ago than the retention).</summary>
    [Id(0)]
    public SiteSettings? Settings { get; set; }

    [Id(1)]
    public Dictionary<string, InverterSettings> Inverters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the site was removed; its settings stay (for its energy history) until the retention ends.</summary>
    [Id(2)]
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>
    /// Inverters removed lately, and when: they still hold their most recent ledger dates, which reports read from them
    /// until those dates are in the store for certain. Forgotten after the dates an inverter holds have passed.
    /// </summary>
    [Id(3)]
    public Dictionary<string, DateTimeOffset> RemovedInverters { get; set; } = new(StringComparer.Ordinal);
}

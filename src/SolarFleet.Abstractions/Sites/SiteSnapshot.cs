using SolarFleet.Abstractions.Inverters;

namespace SolarFleet.Abstractions.Sites;

/// <summary>
/// A site's settings, its inverters and its current roll-up. A removed site (within the retention) has
/// <paramref name="RemovedAt"/>, no inverters and an empty roll-up: only its energy history remains.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiteSnapshot(
    string SiteId,
    SiteSettings Settings,
    IReadOnlyDictionary<string, InverterSettings> Inverters,
    SiteSummary Summary,
    DateTimeOffset? RemovedAt = null)
{
    public bool IsRemoved => RemovedAt is not null;
}

using SolarFleet.Abstractions.Inverters;

namespace SolarFleet.Abstractions.Sites;

/// <summary>A site's settings, its inverters and its current roll-up.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteSnapshot(string SiteId, SiteSettings Settings, IReadOnlyDictionary<string, InverterSettings> Inverters, SiteSummary Summary);

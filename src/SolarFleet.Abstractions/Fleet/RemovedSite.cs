namespace SolarFleet.Abstractions.Fleet;

/// <summary>A site that was removed: hidden from live views, its energy history still reachable until the retention ends.</summary>
[GenerateSerializer, Immutable]
public sealed record RemovedSite(string SiteId, string Name, string TimeZone, DateTimeOffset RemovedAt);

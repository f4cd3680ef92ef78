using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Grains.Fleet;

/// <summary>What the fleet grain persists: the ids of its sites, and the sites removed within the retention. Reports live in memory only.</summary>
[GenerateSerializer]
public sealed class FleetState
{
    [Id(0)]
    public List<string> SiteIds { get; set; } = [];

    [Id(1)]
    public List<RemovedSite> Removed { get; set; } = [];
}

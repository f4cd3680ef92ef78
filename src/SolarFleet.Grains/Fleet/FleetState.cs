namespace SolarFleet.Grains.Fleet;

/// <summary>What the fleet grain persists: the ids of its sites. Reports live in memory only.</summary>
[GenerateSerializer]
public sealed class FleetState
{
    [Id(0)]
    public List<string> SiteIds { get; set; } = [];
}

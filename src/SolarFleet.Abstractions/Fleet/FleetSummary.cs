using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Fleet;

/// <summary>The fleet roll-up. Today's energy adds each site's own local day.</summary>
[GenerateSerializer, Immutable]
public sealed record FleetSummary(
    int Sites,
    int Inverters,
    long PowerW,
    long EnergyTodayWh,
    HealthCounts Health,
    int SitesWithProblems,
    DateTimeOffset? UpdatedAt);

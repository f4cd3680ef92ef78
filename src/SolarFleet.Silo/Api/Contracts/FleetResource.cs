namespace SolarFleet.Silo.Api.Contracts;

/// <summary>GET /api/fleet.</summary>
public sealed record FleetResource(
    int Sites,
    int Inverters,
    long PowerW,
    long EnergyTodayWh,
    HealthCountsResource Health,
    int SitesWithProblems,
    DateTimeOffset? UpdatedAt);

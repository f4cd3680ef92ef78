namespace SolarFleet.Silo.Api.Contracts;

/// <summary>What PUT /api/fleet changed.</summary>
public sealed record FleetApplyResult(int Sites, int Inverters, int SitesRemoved, double ElapsedSeconds);

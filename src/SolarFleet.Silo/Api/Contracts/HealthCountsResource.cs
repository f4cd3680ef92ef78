namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Inverters by health.</summary>
public sealed record HealthCountsResource(int Pending, int Online, int Asleep, int Stale, int Unreachable, int Fault);

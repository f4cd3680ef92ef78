namespace SolarFleet.Grains.Fleet;

/// <summary>What a wake of the whole fleet did: sites woken, the inverters they hold, and sites that still failed.</summary>
public sealed record FleetWakeResult(int Sites, int Inverters, IReadOnlyList<string> Failed, TimeSpan Took);

using SolarFleet.Abstractions.Health;

namespace SolarFleet.Grains.Inverters;

/// <summary>What one poll did to an inverter's state.</summary>
/// <param name="PreviousHealth">Health before the poll.</param>
/// <param name="Health">Health after the poll.</param>
/// <param name="PersistNow">An event that must reach grain state at once (health transition, restart carry, date rollover, or the write interval is up).</param>
/// <param name="DataAge">Site-local now minus the TimeStamp, on a good poll with a believable TimeStamp.</param>
/// <param name="ClockSkewStarted">Why the TimeStamp is not believed, on the poll where that began.</param>
public readonly record struct PollOutcome(InverterHealth PreviousHealth, InverterHealth Health, bool PersistNow, TimeSpan? DataAge, string? ClockSkewStarted = null)
{
    public bool HealthChanged => PreviousHealth != Health;
}

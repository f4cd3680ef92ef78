namespace SolarFleet.Abstractions.Health;

/// <summary>The health model of the design notes. <see cref="Pending"/> means no poll has finished yet.</summary>
[GenerateSerializer]
public enum InverterHealth
{
    Pending = 0,
    Online = 1,
    Asleep = 2,
    Stale = 3,
    Unreachable = 4,
    Fault = 5,
}

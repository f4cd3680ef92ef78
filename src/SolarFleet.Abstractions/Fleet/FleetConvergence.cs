namespace SolarFleet.Abstractions.Fleet;

/// <summary>Where the fleet stands against its stored document.</summary>
[GenerateSerializer]
public enum FleetConvergence
{
    /// <summary>No document was ever stored.</summary>
    Empty = 0,

    /// <summary>The newest document is being applied.</summary>
    Converging = 1,

    /// <summary>The fleet matches the newest document.</summary>
    Converged = 2,

    /// <summary>Applying failed for some sites (see the last error); it is being tried again.</summary>
    Retrying = 3,
}

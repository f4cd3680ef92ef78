namespace SolarFleet.Abstractions.Fleet;

/// <summary>
/// The fleet's declared state (one grain, key <see cref="FleetKey.Default"/>): stores a whole fleet document at a
/// time, atomically, with a generation, and makes the fleet match the newest generation, resuming by itself after a
/// silo crash or a restart.
/// </summary>
[Alias("solarfleet.fleet-document")]
public interface IFleetDocumentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores <paramref name="document"/> as the next generation and starts making the fleet match it. With
    /// <paramref name="expectedGeneration"/>, only if the stored generation is that one (0: only if none is stored);
    /// otherwise throws <see cref="GenerationConflictException"/>.
    /// </summary>
    [Alias("store")]
    Task<FleetDocumentStatus> Store(DesiredFleet document, long? expectedGeneration);

    [Alias("status"), AlwaysInterleave]
    Task<FleetDocumentStatus> GetStatus();

    /// <summary>The stored document; null when none was ever stored.</summary>
    [Alias("document"), AlwaysInterleave]
    Task<StoredFleetDocument?> GetDocument();
}

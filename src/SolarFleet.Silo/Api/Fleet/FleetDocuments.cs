using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Silo.Api.Fleet;

/// <summary>The API's way into the stored fleet document: store it, read it, and wait for the fleet to match it.</summary>
public sealed class FleetDocuments(IGrainFactory grains)
{
    // A client's patience is real time, whatever clock the grains keep (fake in tests, fast in the demo).
    private static readonly TimeProvider Patience = TimeProvider.System;
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(200);

    private IFleetDocumentGrain Grain => grains.GetGrain<IFleetDocumentGrain>(FleetKey.Default);

    /// <exception cref="GenerationConflictException">The stored generation is not <paramref name="expectedGeneration"/>.</exception>
    public Task<FleetDocumentStatus> StoreAsync(DesiredFleet document, long? expectedGeneration) => Grain.Store(document, expectedGeneration);

    public Task<FleetDocumentStatus> StatusAsync() => Grain.GetStatus();

    public Task<StoredFleetDocument?> DocumentAsync() => Grain.GetDocument();

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until the fleet matches <paramref name="generation"/> (or a later one);
    /// returns the last status seen. The waiting client may leave: the fleet converges all the same.
    /// </summary>
    public async Task<FleetDocumentStatus> WaitAsync(long generation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Patience.GetTimestamp();
        while (true)
        {
            var status = await StatusAsync();
            if (status.ObservedGeneration >= generation || Patience.GetElapsedTime(started) >= timeout)
            {
                return status;
            }

            await Task.Delay(Look, Patience, cancellationToken);
        }
    }
}

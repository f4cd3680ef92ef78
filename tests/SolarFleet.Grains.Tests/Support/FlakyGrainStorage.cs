using Orleans.Storage;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>Grain storage that can be told to fail its clears, as a database outage would, and otherwise passes on.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private volatile bool _failClears;

    public bool FailClears
    {
        get => _failClears;
        set => _failClears = value;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _failClears
            ? Task.FromException(new TimeoutException("Simulated storage outage while clearing."))
            : inner.ClearStateAsync(stateName, grainId, grainState);
}

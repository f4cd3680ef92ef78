using Orleans.Storage;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// Grain storage that can be told to fail the writes and clears of one kind of state (as a database outage would
/// fail them while the call that needed them is under way), and otherwise passes on.
/// </summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private volatile string? _failChangesOf;

    /// <summary>The state name ("inverter", "site", "fleet") whose writes and clears fail; null for none.</summary>
    public string? FailChangesOf
    {
        get => _failChangesOf;
        set => _failChangesOf = value;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Fails(stateName) ? Outage("writing") : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Fails(stateName) ? Outage("clearing") : inner.ClearStateAsync(stateName, grainId, grainState);

    private bool Fails(string stateName) => string.Equals(stateName, _failChangesOf, StringComparison.Ordinal);

    private static Task Outage(string what) => Task.FromException(new TimeoutException($"Simulated storage outage while {what}."));
}

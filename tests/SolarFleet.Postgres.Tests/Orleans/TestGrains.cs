using System.Collections.Concurrent;
using SolarFleet.Grains.Hosting;

namespace SolarFleet.Postgres.Tests.Orleans;

public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTicking(TimeSpan period);
}

/// <summary>Registers a persistent reminder and records, per grain key, each time it fires.</summary>
public sealed class TickerGrain : Grain, ITickerGrain, IRemindable
{
    public static ConcurrentDictionary<string, int> Ticks { get; } = new();

    public Task StartTicking(TimeSpan period) => this.RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}

[GenerateSerializer, Immutable]
public sealed record CounterState([property: Id(0)] int Count, [property: Id(1)] string Note);

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string note);

    Task<CounterState> Get();

    Task Clear();
}

/// <summary>Keeps a count in the SolarFleet grain storage provider.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", SolarFleetStorage.GrainStateProvider)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> Add(int amount, string note)
    {
        state.State = new CounterState((state.State?.Count ?? 0) + amount, note);
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<CounterState> Get() => Task.FromResult(state.State ?? new CounterState(0, string.Empty));

    public Task Clear() => state.ClearStateAsync();
}

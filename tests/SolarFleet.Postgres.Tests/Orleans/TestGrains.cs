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

/// <summary>The Orleans ADO.NET grain storage, registered beside SolarFleet's to prove the two share rows.</summary>
public static class OrleansAdoNetStorage
{
    public const string Name = "orleans-adonet";
}

public interface IOrleansAdoNetCounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string note);

    Task<CounterState> Get();
}

/// <summary>A count kept in grain state under the state name "counter".</summary>
public abstract class CounterGrainBase(IPersistentState<CounterState> state) : Grain
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

/// <summary>Keeps a count in the SolarFleet grain storage provider.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", SolarFleetStorage.GrainStateProvider)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), ICounterGrain;

/// <summary>Keeps the same count through the Orleans ADO.NET provider: same state name, same key, same row.</summary>
public sealed class OrleansAdoNetCounterGrain(
    [PersistentState("counter", OrleansAdoNetStorage.Name)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), IOrleansAdoNetCounterGrain;

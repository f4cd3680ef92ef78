using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SolarFleet.Postgres.Batching;
using SolarFleet.Postgres.GrainState;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Orleans;

namespace SolarFleet.Postgres.Tests.GrainState;

/// <summary>The batching grain storage against a real server, many calls at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture fixture)
{
    private const string StateName = "counter";
    private const int Grains = 2_000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thousands_of_states_written_and_read_at_once_all_land_each_in_its_own_row_in_few_statements()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("burst", Token);
        using var probe = new BatchProbe();
        await using var storage = Storage(db, probe.Metrics);
        var states = Enumerable.Range(0, Grains).Select(i => (Id: Grain(i), State: Counter(i, $"first {i}"))).ToList();

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));
        Assert.All(states, s => Assert.Equal("1", s.State.ETag));
        foreach (var (_, state) in states)
        {
            state.State = state.State! with { Note = state.State.Note.Replace("first", "second", StringComparison.Ordinal) };
        }

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));
        var read = states.Select(s => (s.Id, State: Counter(-1, string.Empty))).ToList();
        await Task.WhenAll(read.Select(r => storage.ReadStateAsync(StateName, r.Id, r.State)));

        Assert.Equal(states.Select(s => s.State.State!), read.Select(r => r.State.State));
        Assert.All(read, r => Assert.Equal(("2", true), (r.State.ETag, r.State.RecordExists)));
        Assert.Equal(Grains, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM orleans_storage WHERE version = 2", Token));

        // Every call went out, and a burst of them shares statements: far fewer round trips than calls.
        var writes = probe.Batches("state_write");
        var reads = probe.Batches("state_read");
        Assert.Equal((2 * Grains, Grains), (writes.Sum(), reads.Sum()));
        Assert.True(writes.Count <= 2 * Grains / 10, $"{writes.Count} statements for {2 * Grains} writes");
        Assert.True(reads.Count <= Grains / 10, $"{reads.Count} statements for {Grains} reads");
        Assert.All(writes.Concat(reads), size => Assert.InRange(size, 1, 512));
    }

    [Fact]
    public async Task Of_many_writers_racing_on_one_state_exactly_one_wins_and_the_rest_are_told()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("race", Token);
        await using var storage = Storage(db);
        var contested = Grain(0);
        var original = Counter(1, "original");
        await storage.WriteStateAsync(StateName, contested, original);

        // Fifty writers all hold version 1; other grains' writes around them make the batches large.
        var racers = Enumerable.Range(0, 50).Select(i => Counter(100 + i, $"racer {i}", original.ETag)).ToList();
        var writes = racers.Select(racer => Outcome(storage.WriteStateAsync(StateName, contested, racer)))
            .Concat(Enumerable.Range(1, 500).Select(i => Outcome(storage.WriteStateAsync(StateName, Grain(i), Counter(i, "bystander")))))
            .ToList();
        var outcomes = await Task.WhenAll(writes);

        Assert.Equal(1, outcomes.Take(racers.Count).Count(outcome => outcome is null));
        Assert.All(outcomes.Take(racers.Count).OfType<Exception>(), error => Assert.IsType<InconsistentStateException>(error));
        Assert.All(outcomes.Skip(racers.Count), outcome => Assert.Null(outcome));
        var winner = racers.Single(racer => racer.ETag == "2");
        var stored = Counter(-1, string.Empty);
        await storage.ReadStateAsync(StateName, contested, stored);
        Assert.Equal(winner.State, stored.State);
        Assert.Equal("2", stored.ETag);
    }

    [Fact]
    public async Task Clearing_keeps_the_version_so_a_writer_holding_the_old_one_is_refused()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("clear", Token);
        await using var storage = Storage(db);
        var id = Grain(7);
        var mine = Counter(3, "mine");
        await storage.WriteStateAsync(StateName, id, mine);
        var stale = Counter(9, "stale", mine.ETag);

        await storage.ClearStateAsync(StateName, id, mine);

        Assert.Equal(("2", false, 0), (mine.ETag, mine.RecordExists, mine.State!.Count));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));
        var fresh = Counter(-1, string.Empty);
        await storage.ReadStateAsync(StateName, id, fresh);
        Assert.Equal(("2", false), (fresh.ETag, fresh.RecordExists));

        // A clear from an activation that never read: it clears what is stored (nothing stored: nothing to do).
        var blind = Counter(0, string.Empty, etag: null);
        await storage.WriteStateAsync(StateName, Grain(8), Counter(8, "other"));
        await storage.ClearStateAsync(StateName, Grain(8), blind);
        await storage.ClearStateAsync(StateName, Grain(9), Counter(0, string.Empty, etag: null));
        Assert.Equal("2", blind.ETag);
        Assert.Equal(0, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM orleans_storage WHERE payload IS NOT NULL", Token));
    }

    [Fact]
    public async Task A_database_that_is_down_fails_each_call_clearly_and_nothing_written_is_lost()
    {
        await using var server = await PostgresServer.StartNewAsync(Token);
        var db = await server.CreateMigratedDatabaseAsync("down", Token);
        await using var storage = Storage(db);
        var states = Enumerable.Range(0, 20).Select(i => (Id: Grain(i), State: Counter(i, "before"))).ToList();
        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));

        await server.StopAsync(Token);
        foreach (var (_, state) in states)
        {
            state.State = state.State! with { Note = "during" };
        }

        var failures = await Task.WhenAll(states.Select(s => Outcome(storage.WriteStateAsync(StateName, s.Id, s.State))));
        var readFailure = await Outcome(storage.ReadStateAsync(StateName, Grain(0), Counter(-1, string.Empty)));

        Assert.All(failures.Append(readFailure), failure => Assert.IsAssignableFrom<NpgsqlException>(failure));
        Assert.All(states, s => Assert.Equal("1", s.State.ETag));

        await server.StartAsync(Token);
        var read = states.Select(s => (s.Id, State: Counter(-1, string.Empty))).ToList();
        await Task.WhenAll(read.Select(r => storage.ReadStateAsync(StateName, r.Id, r.State)));
        Assert.All(read, r => Assert.Equal(("before", "1"), (r.State.State!.Note, r.State.ETag)));

        // The writes that failed are retried as they were, and land.
        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));
        Assert.All(states, s => Assert.Equal("2", s.State.ETag));
    }

    private static PostgresGrainStorage Storage(string connectionString, StatementMetrics? metrics = null)
    {
        var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(CounterState).Assembly))
            .BuildServiceProvider();
        return new PostgresGrainStorage(
            "test",
            connectionString,
            "solarfleet-tests",
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            NullLogger<PostgresGrainStorage>.Instance,
            metrics);
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", $"site-{i / 10}|inv-{i % 10}");

    private static GrainState<CounterState> Counter(int count, string note, string? etag = null) => new(new CounterState(count, note), etag);

    private static async Task<Exception?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

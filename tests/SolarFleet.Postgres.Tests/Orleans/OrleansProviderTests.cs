using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Hosting;
using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Postgres.Tests.Orleans;

/// <summary>
/// The real Orleans ADO.NET providers against the SolarFleet schema on a real server. Each test starts from an
/// empty database: the silo's own start-up migration creates the schema.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansProviderTests(PostgresFixture fixture)
{
    private const int ActiveStatus = 3;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_silos_join_one_cluster_through_the_membership_table()
    {
        var db = await fixture.Server.CreateDatabaseAsync("membership", Token);
        await using var first = await TestSilo.StartAsync(db, "cluster-a", Token);
        await using var second = await TestSilo.StartAsync(db, "cluster-a", Token);

        await Eventually.TrueAsync(
            async () =>
            {
                var hosts = await first.Grains.GetGrain<IManagementGrain>(0).GetHosts(true, Token);
                return hosts.Count == 2;
            },
            "the first silo never saw the second one as active");
        var seenBySecond = await second.Grains.GetGrain<IManagementGrain>(0).GetHosts(true, Token);
        Assert.Equal(2, seenBySecond.Count);

        var rows = await Db.ListAsync<string>(
            db,
            $"SELECT address || ':' || port FROM orleans_membership WHERE deployment_id = 'cluster-a' AND status = {ActiveStatus} ORDER BY port",
            Token);
        Assert.Equal(new[] { first.SiloPort, second.SiloPort }.Order().Select(port => $"127.0.0.1:{port}"), rows);
        Assert.True(await Db.ScalarAsync<int>(db, "SELECT version FROM orleans_membership_version WHERE deployment_id = 'cluster-a'", Token) >= 2);
    }

    [Fact]
    public async Task A_reminder_is_stored_fires_and_fires_again_on_a_new_silo()
    {
        var db = await fixture.Server.CreateDatabaseAsync("reminders", Token);
        var key = $"ticker-{Guid.NewGuid():N}";
        await using (var silo = await TestSilo.StartAsync(db, "cluster-r", Token))
        {
            await silo.Grains.GetGrain<ITickerGrain>(key).StartTicking(TimeSpan.FromSeconds(1));

            Assert.Equal(
                ["tick/1000"],
                await Db.ListAsync<string>(db, "SELECT reminder_name || '/' || period FROM orleans_reminders", Token));
            await Eventually.TrueAsync(
                () => Task.FromResult(TickerGrain.Ticks.GetValueOrDefault(key) > 0),
                "the reminder never fired");
        }

        var ticksBefore = TickerGrain.Ticks.GetValueOrDefault(key);
        await using (await TestSilo.StartAsync(db, "cluster-r", Token))
        {
            // Nobody calls the grain: only the stored reminder can wake it on the new silo.
            await Eventually.TrueAsync(
                () => Task.FromResult(TickerGrain.Ticks.GetValueOrDefault(key) > ticksBefore),
                "the stored reminder did not fire on the restarted silo",
                TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task Grain_state_is_written_read_back_after_a_restart_and_cleared()
    {
        var db = await fixture.Server.CreateDatabaseAsync("state", Token);
        await using (var silo = await TestSilo.StartAsync(db, "cluster-s", Token))
        {
            var counter = silo.Grains.GetGrain<ICounterGrain>("site-a/inv-1");
            await counter.Add(40, "first");
            Assert.Equal(42, await counter.Add(2, "second"));
        }

        await using (var silo = await TestSilo.StartAsync(db, "cluster-s", Token))
        {
            var counter = silo.Grains.GetGrain<ICounterGrain>("site-a/inv-1");
            Assert.Equal(new CounterState(42, "second"), await counter.Get());

            await counter.Clear();
            Assert.Equal(3, await counter.Add(3, "after clear"));
        }

        Assert.Equal(
            ["site-a/inv-1:4"],
            await Db.ListAsync<string>(db, "SELECT grain_id_extension || ':' || version FROM orleans_storage", Token));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_as_a_conflict()
    {
        var db = await fixture.Server.CreateDatabaseAsync("etag", Token);
        await using var silo = await TestSilo.StartAsync(db, "cluster-e", Token);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(SolarFleetStorage.GrainStateProvider);
        var grainId = GrainId.Create("counter", "site-a/inv-2");
        const string GrainType = "SolarFleet.Postgres.Tests.Orleans.CounterGrain";

        var mine = new GrainState<CounterState>(new CounterState(0, string.Empty));
        await storage.ReadStateAsync(GrainType, grainId, mine);
        Assert.Null(mine.ETag);
        Assert.False(mine.RecordExists);
        var theirs = new GrainState<CounterState>(new CounterState(0, string.Empty));
        await storage.ReadStateAsync(GrainType, grainId, theirs);

        mine.State = new CounterState(1, "mine");
        await storage.WriteStateAsync(GrainType, grainId, mine);
        theirs.State = new CounterState(5, "theirs");

        // Both read "no record"; the second writer must not overwrite the first.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, theirs));
        var stale = new GrainState<CounterState>(new CounterState(9, "stale"), mine.ETag);
        mine.State = new CounterState(2, "mine again");
        await storage.WriteStateAsync(GrainType, grainId, mine);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));

        var stored = new GrainState<CounterState>(new CounterState(0, string.Empty));
        await storage.ReadStateAsync(GrainType, grainId, stored);
        Assert.Equal(new CounterState(2, "mine again"), stored.State);
        Assert.Equal(mine.ETag, stored.ETag);
    }

    [Fact]
    public async Task State_written_by_the_orleans_ado_net_provider_is_read_and_versioned_by_solarfleet_and_back()
    {
        var db = await fixture.Server.CreateDatabaseAsync("compat", Token);
        await using var silo = await TestSilo.StartAsync(db, "cluster-c", Token);

        // Written by the Orleans provider, then carried on by SolarFleet's: one row, its version checked by both.
        await silo.Grains.GetGrain<IOrleansAdoNetCounterGrain>("site-a|inv-1").Add(5, "orleans");
        var ours = silo.Grains.GetGrain<ICounterGrain>("site-a|inv-1");
        Assert.Equal(new CounterState(5, "orleans"), await ours.Get());
        Assert.Equal(6, await ours.Add(1, "solarfleet"));

        // And the other way round.
        await silo.Grains.GetGrain<ICounterGrain>("site-b|inv-2").Add(7, "solarfleet");
        var theirs = silo.Grains.GetGrain<IOrleansAdoNetCounterGrain>("site-b|inv-2");
        Assert.Equal(new CounterState(7, "solarfleet"), await theirs.Get());
        Assert.Equal(9, await theirs.Add(2, "orleans"));

        Assert.Equal(
            ["site-a|inv-1:2", "site-b|inv-2:2"],
            await Db.ListAsync<string>(db, "SELECT grain_id_extension || ':' || version FROM orleans_storage ORDER BY 1", Token));
    }

    [Fact]
    public async Task The_silo_uses_the_postgres_history_store_for_grains()
    {
        var db = await fixture.Server.CreateDatabaseAsync("history", Token);
        await using var silo = await TestSilo.StartAsync(db, "cluster-h", Token);

        var store = silo.Services.GetRequiredService<PostgresHistoryStore>();
        Assert.Same(store, silo.Services.GetRequiredService<IEnergyLedgerStore>());
        Assert.Same(store, silo.Services.GetRequiredService<IReadingLog>());
        Assert.True(store.Health.IsHealthy);
    }
}

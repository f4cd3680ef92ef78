using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Tests.Infrastructure;
using static SolarFleet.Postgres.Tests.Infrastructure.HistoryRows;

namespace SolarFleet.Postgres.Tests.History;

/// <summary>
/// Stops the database in the middle of a run of writes and starts it again. Uses a server of its own so that
/// stopping it disturbs no other test.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const int Inverters = 20;
    private PostgresServer? server;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private PostgresServer Server => server!;

    public async ValueTask InitializeAsync() => server = await PostgresServer.StartNewAsync(Token);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Writes_survive_the_database_going_away_and_coming_back()
    {
        var db = await Server.CreateMigratedDatabaseAsync("outage", Token);
        using var metrics = new MetricProbe();
        await using var store = CreateStore(db, TimeProvider.System, metrics, options =>
        {
            options.FlushInterval = TimeSpan.FromMilliseconds(200);
            options.RetryDelay = TimeSpan.FromMilliseconds(100);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
        });
        await store.StartAsync(Token);
        var energy = new long[Inverters];
        var readings = 0;
        var polledAt = new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);

        // Grains keep reporting the whole time; none of these calls may throw or block.
        void Report(int rounds)
        {
            for (var round = 0; round < rounds; round++)
            {
                for (var inverter = 0; inverter < Inverters; inverter++)
                {
                    energy[inverter] += 10 + inverter;
                    store.Upsert(Ledger("site-a", $"inv-{inverter:D2}", Day, energy[inverter], coverage: 0.5));
                    store.Append(Reading("site-a", $"inv-{inverter:D2}", polledAt.AddSeconds(readings)));
                    readings++;
                }
            }
        }

        Report(5);
        await Eventually.TrueAsync(() => Task.FromResult(store.Backlog == 0), "the first rows were not flushed");

        await Server.StopAsync(Token);
        Report(5);
        await Eventually.TrueAsync(
            () => Task.FromResult(store.Health.Status == HistoryHealthStatus.Degraded),
            "the store did not notice the database was gone");
        Report(5);
        var backlogDuringOutage = metrics.Backlog();
        Assert.True(backlogDuringOutage >= Inverters, $"backlog during the outage was {backlogDuringOutage}");
        Assert.NotNull(store.Health.LastError);

        await Server.StartAsync(Token);
        Report(5);
        await Eventually.TrueAsync(
            () => Task.FromResult(metrics.Backlog() == 0 && store.Health.IsHealthy),
            "the backlog did not drain after the database came back");

        var rows = await LedgerInDatabaseAsync(db, Token);
        Assert.Equal(Inverters, rows.Count);
        Assert.Equal(energy, rows.Select(row => row.EnergyWh));
        Assert.Equal((long)readings, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM solarfleet.readings", Token));
        Assert.Equal(0, metrics.Dropped);
    }
}

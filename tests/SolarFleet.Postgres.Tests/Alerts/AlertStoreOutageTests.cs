using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Tests.Infrastructure;
using static SolarFleet.Postgres.Tests.Alerts.AlertSamples;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>Stops the database under the alert store and starts it again, on a server of its own.</summary>
public sealed class AlertStoreOutageTests : IAsyncLifetime
{
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
    public async Task During_an_outage_reads_fail_with_a_clear_exception_recording_goes_on_and_nothing_is_lost_afterwards()
    {
        var db = await Server.CreateMigratedDatabaseAsync("alerts_outage", Token);
        await using var store = PostgresAlertStoreContractTests.Create(db, ["ops"], TimeProvider.System);
        store.Record(Raised(Alert("a-0")));
        Assert.True(await store.FlushAsync(Token));

        await Server.StopAsync(Token);
        for (var i = 1; i <= 5; i++)
        {
            store.Record(Raised(Alert($"a-{i}", Noon.AddMinutes(i))));
        }

        store.Record(Resolved(Alert("a-0"), Noon.AddMinutes(30)));
        Assert.False(await store.FlushAsync(Token));
        var failure = await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => store.QueryAsync(new AlertQuery(), Token));
        Assert.Contains("could not list alerts", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => store.AcknowledgeAsync("a-0", "alice", Noon, Token));
        await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => store.LeaseDueAsync(["ops"], 10, Noon, Noon.AddMinutes(1), Token));
        Assert.Equal(HistoryHealthStatus.Degraded, store.Health.Status);
        Assert.Equal(6, store.Health.Backlog);
        Assert.NotNull(store.Health.LastError);

        await Server.StartAsync(Token);
        Assert.True(await store.FlushAsync(Token));

        Assert.True(store.Health.IsHealthy);
        var all = await store.QueryAsync(new AlertQuery(AlertStateFilter.All), Token);
        Assert.Equal(["a-5", "a-4", "a-3", "a-2", "a-1", "a-0"], all.Alerts.Select(a => a.Id));
        Assert.NotNull(all.Alerts[^1].ResolvedAt);
        Assert.Equal(7, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task Transitions_recorded_before_a_stop_are_written_by_the_stop_and_their_deliveries_outlive_the_store()
    {
        var db = await Server.CreateMigratedDatabaseAsync("alerts_stop", Token);
        await using (var first = PostgresAlertStoreContractTests.Create(db, ["ops"], TimeProvider.System, o => o.FlushInterval = TimeSpan.FromHours(1)))
        {
            await first.StartAsync(Token);
            first.Record(Raised(Alert("a-1")));
            await first.StopAsync(Token);
        }

        await using var second = PostgresAlertStoreContractTests.Create(db, ["ops"], TimeProvider.System);
        var delivery = Assert.Single(await second.LeaseDueAsync(["ops"], 10, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), Token));
        Assert.Equal("a-1:raised", delivery.Transition.DeliveryId);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.Alerts;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Webhooks.Tests.Infrastructure;
using static SolarFleet.Webhooks.Tests.Infrastructure.DispatcherHarness;
using Options = Microsoft.Extensions.Options.Options;

namespace SolarFleet.Webhooks.Tests.Delivery;

/// <summary>Deliveries in the PostgreSQL outbox outlive the silo that queued or leased them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxRestartTests(PostgresFixture fixture) : IDisposable
{
    private readonly FakeTimeProvider time = new(Start.AddMinutes(1));
    private readonly WebhookMetricProbe metrics = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => metrics.Dispose();

    [Fact]
    public async Task After_a_restart_pending_deliveries_and_those_a_crashed_silo_had_leased_are_delivered_once_each()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("outbox_restart", Token);
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using (var before = Store(db))
        {
            before.Record(Raised("a-1", Start));
            before.Record(Raised("a-2", Start));
            before.Record(Raised("a-3", Start));
            Assert.True(await before.FlushAsync(Token));

            // The silo leased one and then died before sending it; one failed once and waits for its retry.
            var leased = await before.LeaseDueAsync(["ops"], 2, time.GetUtcNow(), time.GetUtcNow() + TimeSpan.FromMinutes(2), Token);
            await before.FailAsync(leased[1], "HTTP 503", time.GetUtcNow().AddSeconds(10), Token);
        }

        await using var after = Store(db);
        using var dispatcher = Dispatcher(after, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        Assert.Equal(["a-3:raised"], receiver.Requests.Select(r => r.DeliveryId));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Token));

        Assert.Equal(["a-1:raised", "a-2:raised", "a-3:raised"], receiver.Requests.Select(r => r.DeliveryId).Order());
        Assert.Equal(0, await after.CountPendingAsync(Token));
        Assert.Equal(3L, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM solarfleet.webhook_deliveries WHERE state = 'delivered'", Token));
    }

    [Fact]
    public async Task A_delivery_given_up_is_recorded_with_its_last_error_and_attempts()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("outbox_gave_up", Token);
        await using var receiver = await LoopbackReceiver.StartAsync((_, _) => Task.FromResult(500), Token);
        await using var store = Store(db);
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics, configure: o => o.MaxAttempts = 2);
        store.Record(Raised("a-1", Start));
        Assert.True(await store.FlushAsync(Token));

        await dispatcher.DispatchDueAsync(Token);
        time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchDueAsync(Token);

        Assert.Equal(
            ["gave_up 2 HTTP 500"],
            await Db.ListAsync<string>(db, "SELECT state || ' ' || attempts || ' ' || last_error FROM solarfleet.webhook_deliveries", Token));
        Assert.Equal(2, receiver.Requests.Count);
    }

    private PostgresAlertStore Store(string db) => new(
        Options.Create(new PostgresAlertOptions { ConnectionString = db }),
        Options.Create(new AlertStoreOptions { Webhooks = ["ops"] }),
        time,
        NullLogger<PostgresAlertStore>.Instance);
}

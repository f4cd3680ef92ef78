using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Webhooks.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>The real host, embedded and on PostgreSQL, sending a recorded transition to a configured loopback webhook.</summary>
public sealed class WebhookDeliveryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_embedded_silo_posts_a_recorded_transition_to_the_configured_webhook() =>
        await DeliversAsync(factory => factory);

    [Fact]
    public async Task A_silo_on_postgres_posts_a_recorded_transition_to_the_configured_webhook_and_is_ready()
    {
        var database = await postgres.Server.CreateDatabaseAsync("webhooks", Token);
        var pooled = new Npgsql.NpgsqlConnectionStringBuilder(database) { Pooling = true }.ConnectionString;
        await DeliversAsync(factory => factory
            .With("SolarFleet:Storage", "Postgres")
            .With("ConnectionStrings:SolarFleet", pooled)
            .With("SolarFleet:Orleans:AdvertisedIp", "127.0.0.1")
            .With("SolarFleet:Orleans:Tls:Required", "false")
            .With("SolarFleet:Alerts:Store:FlushInterval", "00:00:00.200"));
    }

    private static async Task DeliversAsync(Func<SolarFleetFactory, SolarFleetFactory> configure)
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var factory = configure(new SolarFleetFactory()
            .With("SolarFleet:Alerts:Webhooks:0:Name", "ops")
            .With("SolarFleet:Alerts:Webhooks:0:Url", receiver.Url.ToString())
            .With("SolarFleet:Alerts:Webhooks:0:Secret", "a-secret-of-enough-length")
            .With("SolarFleet:Alerts:Delivery:PollInterval", "00:00:00.100"));
        using var client = factory.Client(SolarFleetFactory.AdminKey);
        await Eventually.Get(() => client.Get("/readyz"), response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the silo to be ready");
        var store = factory.Services.GetRequiredService<IAlertStore>();

        var raisedAt = new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);
        store.Record(new AlertTransition(
            new Alert("a-1", AlertKind.Stale, AlertSeverity.Warning, "site-a", "inv-1", raisedAt, null, null, null, "Stale", "values stopped changing", new Dictionary<string, double>()),
            AlertTransitionKind.Raised));

        var requests = await Eventually.Get(
            () => Task.FromResult(receiver.Requests),
            seen => seen.Count > 0,
            TimeSpan.FromSeconds(20),
            "the webhook request");
        var request = Assert.Single(requests);
        Assert.Equal("a-1:raised", request.DeliveryId);
        Assert.StartsWith("t=", request.Signature, StringComparison.Ordinal);
        await Eventually.Get(
            () => ((IWebhookOutbox)store).CountPendingAsync(Token),
            pending => pending == 0,
            TimeSpan.FromSeconds(10),
            "the delivery to be marked delivered");
    }
}

using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Webhooks.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task The_embedded_silo_posts_a_recorded_transition_to_each_configured_webhook()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = await LoopbackReceiver.AnsweringAsync(token);
        await using var factory = new SolarFleetFactory()
            .With("SolarFleet:Alerts:Webhooks:0:Name", "ops")
            .With("SolarFleet:Alerts:Webhooks:0:Url", receiver.Url.ToString())
            .With("SolarFleet:Alerts:Webhooks:0:Secret", "a-secret-of-enough-length")
            .With("SolarFleet:Alerts:Delivery:PollInterval", "00:00:00.100");
        using var client = factory.Client(null);
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
        Assert.Equal(0, await ((IWebhookOutbox)store).CountPendingAsync(token));
    }
}

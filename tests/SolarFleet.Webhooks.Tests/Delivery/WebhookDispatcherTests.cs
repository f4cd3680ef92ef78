using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Network;
using SolarFleet.Protocol.Tests.Peers;
using SolarFleet.Webhooks.Http;
using SolarFleet.Webhooks.Telemetry;
using SolarFleet.Webhooks.Tests.Infrastructure;
using static SolarFleet.Webhooks.Tests.Infrastructure.DispatcherHarness;

namespace SolarFleet.Webhooks.Tests.Delivery;

public sealed class WebhookDispatcherTests : IDisposable
{
    private readonly FakeTimeProvider time = new(Start.AddMinutes(1));
    private readonly WebhookMetricProbe metrics = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => metrics.Dispose();

    [Fact]
    public async Task A_delivery_is_posted_as_json_whose_signature_the_receiver_can_verify_with_the_documented_recipe()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        var store = MemoryStore(time, "ops");
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics);
        store.Record(Raised("a-1", Start));

        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("a-1:raised", request.DeliveryId);

        // The recipe of docs/webhooks.md: t and v1 from the header, HMAC-SHA256 of "<t>." and the raw body.
        var parts = request.Signature!.Split(',').Select(part => part.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var signed = Encoding.ASCII.GetBytes(parts["t"] + ".").Concat(request.Body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"])));
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds(), long.Parse(parts["t"], CultureInfo.InvariantCulture));

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("a-1:raised", root.GetProperty("deliveryId").GetString());
        Assert.Equal("raised", root.GetProperty("transition").GetString());
        Assert.Equal("gridOutOfRange", root.GetProperty("alert").GetProperty("kind").GetString());
        Assert.Equal("critical", root.GetProperty("alert").GetProperty("severity").GetString());
        Assert.Equal(253.1, root.GetProperty("alert").GetProperty("figures").GetProperty("voltageV").GetDouble());
        Assert.Equal(0, await store.CountPendingAsync(Token));
        Assert.Equal(1, metrics.Attempts(WebhookMetrics.Delivered));
    }

    [Fact]
    public async Task After_two_server_errors_the_delivery_is_retried_with_doubling_waits_and_delivered_exactly_once()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token, 500, 503);
        var store = MemoryStore(time, "ops");
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics);
        store.Record(Raised("a-1", Start));

        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Token));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, request => Assert.Equal("a-1:raised", request.DeliveryId));
        Assert.Equal((2, 1), (metrics.Attempts(WebhookMetrics.FailedRetrying), metrics.Attempts(WebhookMetrics.Delivered)));
        Assert.Equal(0, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_tried_again_after_the_retry_delay()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(
            async (n, aborted) =>
            {
                if (n == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                return 200;
            },
            Token);
        var store = MemoryStore(time, "ops");
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics, configure: o => o.Timeout = TimeSpan.FromSeconds(2));
        store.Record(Raised("a-1", Start));

        // The timeout leaves a loaded machine room for the answered attempt; the unanswered one waits far longer.
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
        Assert.Equal(1, metrics.Attempts(WebhookMetrics.FailedRetrying));
        Assert.Equal(1, await store.CountPendingAsync(Token));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(1, metrics.Attempts(WebhookMetrics.Delivered));
        Assert.Equal(0, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_given_up_after_the_configured_attempts_and_never_sent_again()
    {
        await using var receiver = await LoopbackReceiver.StartAsync((_, _) => Task.FromResult(500), Token);
        var store = MemoryStore(time, "ops");
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics, configure: o => o.MaxAttempts = 3);
        store.Record(Raised("a-1", Start));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Token));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal((2, 1), (metrics.Attempts(WebhookMetrics.FailedRetrying), metrics.Attempts(WebhookMetrics.GaveUp)));
        Assert.Equal(0, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task A_loopback_receiver_is_not_connected_to_when_the_policy_does_not_list_loopback()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        var store = MemoryStore(time, "ops");
        var privateOnly = new PolicyConnector(new TargetPolicy([NetworkRange.Parse("10.0.0.0/8")]), StubResolver.Unused);
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("ops", receiver.Url, Secret)], time, metrics, privateOnly);
        store.Record(Raised("a-1", Start));

        Assert.Equal(1, await dispatcher.DispatchDueAsync(Token));

        Assert.Empty(receiver.Requests);
        Assert.Equal(1, metrics.Attempts(WebhookMetrics.RefusedByPolicy));
        Assert.Equal(1, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task Only_addresses_the_policy_allows_are_connected_to_whether_written_in_the_url_or_resolved()
    {
        var connects = new RecordingConnect();
        var resolver = new StubResolver((host, _) => ValueTask.FromResult(host switch
        {
            "public.example" => new[] { IPAddress.Parse("203.0.113.9"), IPAddress.Parse("169.254.169.254") },
            _ => [IPAddress.Parse("203.0.113.9"), IPAddress.Parse("10.9.8.7")],
        }));
        var connector = new PolicyConnector(TargetPolicy.Default, resolver, connects.ConnectAsync);
        var store = MemoryStore(time, "literal", "public", "mixed");
        using var dispatcher = Dispatcher(
            store,
            [
                new WebhookEndpoint("literal", new Uri("http://203.0.113.7:8080/hook"), Secret),
                new WebhookEndpoint("public", new Uri("https://public.example/hook"), Secret),
                new WebhookEndpoint("mixed", new Uri("http://mixed.example/hook"), Secret),
            ],
            time,
            metrics,
            connector);
        store.Record(Raised("a-1", Start));

        Assert.Equal(3, await dispatcher.DispatchDueAsync(Token));

        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.9.8.7"), 80)], connects.Attempts);
        Assert.Equal((2, 1), (metrics.Attempts(WebhookMetrics.RefusedByPolicy), metrics.Attempts(WebhookMetrics.FailedRetrying)));
        Assert.Equal(3, await store.CountPendingAsync(Token));
    }

    [Fact]
    public async Task Each_webhook_receives_its_own_delivery_of_a_transition_and_a_resolution_follows_its_raise()
    {
        await using var first = await LoopbackReceiver.AnsweringAsync(Token);
        await using var second = await LoopbackReceiver.AnsweringAsync(Token, 500);
        var store = MemoryStore(time, "first", "second");
        using var dispatcher = Dispatcher(store, [new WebhookEndpoint("first", first.Url, Secret), new WebhookEndpoint("second", second.Url, Secret)], time, metrics);
        var raised = Raised("a-1", Start);
        store.Record(raised);
        store.Record(new(raised.Alert with { ResolvedAt = Start.AddMinutes(1) }, AlertTransitionKind.Resolved));

        await dispatcher.DispatchDueAsync(Token);
        await dispatcher.DispatchDueAsync(Token);
        Assert.Equal(["a-1:raised", "a-1:resolved"], first.Requests.Select(r => r.DeliveryId));
        Assert.Equal(["a-1:raised"], second.Requests.Select(r => r.DeliveryId));

        time.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.DispatchDueAsync(Token);
        await dispatcher.DispatchDueAsync(Token);
        Assert.Equal(["a-1:raised", "a-1:raised", "a-1:resolved"], second.Requests.Select(r => r.DeliveryId));
        Assert.Equal(2, first.Requests.Count);
    }
}

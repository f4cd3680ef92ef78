using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Network;
using SolarFleet.Protocol.Tests.Peers;
using SolarFleet.Webhooks.Delivery;
using SolarFleet.Webhooks.Http;
using Options = Microsoft.Extensions.Options.Options;

namespace SolarFleet.Webhooks.Tests.Infrastructure;

/// <summary>Alerts, endpoints and dispatchers for the dispatcher tests, on a fake clock and without jitter.</summary>
internal static class DispatcherHarness
{
    public const string Secret = "a-long-enough-test-secret";

    public static readonly DateTimeOffset Start = new(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Loopback only: what the tests' receivers listen on.</summary>
    public static TargetPolicy LoopbackPolicy { get; } = new([NetworkRange.Parse("127.0.0.0/8")]);

    public static AlertTransition Raised(string id, DateTimeOffset raisedAt) => new(
        new Alert(id, AlertKind.GridOutOfRange, AlertSeverity.Critical, "site-a", "inv-1", raisedAt, null, null, null,
            "Grid voltage high", "253.1 V is above 253 V", new Dictionary<string, double> { ["voltageV"] = 253.1, ["limitV"] = 253 }),
        AlertTransitionKind.Raised);

    public static MemoryAlertStore MemoryStore(TimeProvider time, params string[] webhooks) =>
        new(time, Options.Create(new AlertStoreOptions { Webhooks = webhooks }));

    public static WebhookDeliveryOptions DeliveryOptions(Action<WebhookDeliveryOptions>? configure = null)
    {
        var options = new WebhookDeliveryOptions
        {
            MaxAttempts = 5,
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Timeout = TimeSpan.FromSeconds(5),
            LeaseTime = TimeSpan.FromMinutes(2),
        };
        configure?.Invoke(options);
        return options;
    }

    public static WebhookDispatcher Dispatcher(
        IWebhookOutbox outbox,
        IReadOnlyList<WebhookEndpoint> endpoints,
        FakeTimeProvider time,
        WebhookMetricProbe metrics,
        PolicyConnector? connector = null,
        Action<WebhookDeliveryOptions>? configure = null) =>
        new(
            outbox,
            endpoints,
            DeliveryOptions(configure),
            connector ?? new PolicyConnector(LoopbackPolicy, StubResolver.Unused),
            time,
            NullLogger<WebhookDispatcher>.Instance,
            metrics.Factory,
            random: () => 0);

    /// <summary>A connection opener that records where it was asked to connect and connects nowhere.</summary>
    public sealed class RecordingConnect
    {
        private readonly List<IPEndPoint> attempts = [];

        public IReadOnlyList<IPEndPoint> Attempts
        {
            get
            {
                lock (attempts)
                {
                    return [.. attempts];
                }
            }
        }

        public ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
        {
            lock (attempts)
            {
                attempts.Add(endpoint);
            }

            throw new SocketException((int)SocketError.ConnectionRefused);
        }
    }
}

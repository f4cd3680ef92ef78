using System.Diagnostics.Metrics;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Webhooks.Telemetry;

/// <summary>The webhook dispatcher's instruments on the "SolarFleet" meter. Tags come from a fixed set, never per alert.</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string AttemptsName = "solarfleet.webhook.deliveries";
    public const string LatencyName = "solarfleet.webhook.delivery.latency";
    public const string AttemptDurationName = "solarfleet.webhook.attempt.duration";
    public const string BacklogName = "solarfleet.webhook.backlog";
    public const string ResultTag = "result";

    public const string Delivered = "delivered";
    public const string FailedRetrying = "failed_retrying";
    public const string GaveUp = "gave_up";
    public const string RefusedByPolicy = "refused_by_policy";

    // From a fresh transition sent at once (well under a second) to one that waited hours for a receiver to come back.
    private static readonly InstrumentAdvice<double> LatencyAdvice = new()
    {
        HistogramBucketBoundaries = [0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400],
    };

    private static readonly InstrumentAdvice<double> AttemptAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> attempts;
    private readonly Histogram<double> latency;
    private readonly Histogram<double> attemptDuration;
    private long backlog;

    public WebhookMetrics(IMeterFactory? meterFactory)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(SolarFleetMetrics.MeterName) ?? new Meter(SolarFleetMetrics.MeterName);
        attempts = meter.CreateCounter<long>(AttemptsName, "{attempt}", "Webhook delivery attempts by result.");
        latency = meter.CreateHistogram(LatencyName, "s", "Time from an alert transition to a webhook accepting it.", tags: null, advice: LatencyAdvice);
        attemptDuration = meter.CreateHistogram(AttemptDurationName, "s", "Duration of one webhook request, connect to response headers.", tags: null, advice: AttemptAdvice);
        meter.CreateObservableGauge(BacklogName, () => Interlocked.Read(ref backlog), "{delivery}", "Webhook deliveries neither delivered nor given up, as last counted.");
    }

    /// <summary>Counts one attempt by its result (<see cref="Delivered"/>, <see cref="FailedRetrying"/>, <see cref="GaveUp"/>, <see cref="RefusedByPolicy"/>).</summary>
    public void Attempted(string result, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(ResultTag, result);
        attempts.Add(1, tag);
        attemptDuration.Record(duration.TotalSeconds, tag);
    }

    public void DeliveredAfter(TimeSpan sinceTransition) => latency.Record(Math.Max(0, sinceTransition.TotalSeconds));

    public void Backlog(long pending) => Interlocked.Exchange(ref backlog, pending);

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}

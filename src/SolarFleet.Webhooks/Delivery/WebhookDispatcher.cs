using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Alerts;
using SolarFleet.Network;
using SolarFleet.Webhooks.Http;
using SolarFleet.Webhooks.Telemetry;

namespace SolarFleet.Webhooks.Delivery;

/// <summary>
/// Sends webhook deliveries from the outbox, on every silo, apart from the grains: it leases what is due, POSTs each
/// (signed) and completes it on a 2xx or reschedules it with backoff, giving up after the last attempt. Several silos
/// share the work through their leases. Delivery is at least once: a silo that stops or crashes between a receiver's
/// answer and the outbox's record of it leaves the lease to run out, and the delivery is sent again.
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService
{
    private readonly IWebhookOutbox outbox;
    private readonly Dictionary<string, WebhookEndpoint> endpoints;
    private readonly WebhookDeliveryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly HttpClient client;
    private readonly WebhookSender sender;
    private readonly RetrySchedule retries;
    private readonly WebhookMetrics metrics;

    /// <param name="outbox">Where deliveries wait.</param>
    /// <param name="endpoints">The configured webhooks; only their deliveries are leased.</param>
    /// <param name="options">Retries, timeouts, leases.</param>
    /// <param name="policy">Which addresses a webhook request may connect to.</param>
    /// <param name="resolver">Resolves webhook host names at each new connection.</param>
    /// <param name="time">Clock of due times, leases, backoff and signatures (socket timeouts are real time).</param>
    public WebhookDispatcher(
        IWebhookOutbox outbox,
        IReadOnlyList<WebhookEndpoint> endpoints,
        WebhookDeliveryOptions options,
        TargetPolicy policy,
        IHostResolver resolver,
        TimeProvider time,
        ILogger<WebhookDispatcher> logger,
        IMeterFactory? meterFactory = null)
        : this(outbox, endpoints, options, new PolicyConnector(policy, resolver), time, logger, meterFactory, Random.Shared.NextDouble)
    {
    }

    internal WebhookDispatcher(
        IWebhookOutbox outbox,
        IReadOnlyList<WebhookEndpoint> endpoints,
        WebhookDeliveryOptions options,
        PolicyConnector connector,
        TimeProvider time,
        ILogger<WebhookDispatcher> logger,
        IMeterFactory? meterFactory,
        Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Webhook delivery options: {string.Join("; ", problems)}.", nameof(options));
        }

        this.outbox = outbox;
        this.endpoints = endpoints.ToDictionary(endpoint => endpoint.Name, StringComparer.Ordinal);
        this.options = options;
        this.time = time;
        this.logger = logger;
        client = WebhookHttp.CreateClient(options, connector);
        sender = new WebhookSender(client, time, options.Timeout);
        retries = new RetrySchedule(options, random);
        metrics = new WebhookMetrics(meterFactory);
    }

    /// <summary>
    /// One pass: leases up to <see cref="WebhookDeliveryOptions.BatchSize"/> due deliveries and attempts each (at most
    /// <see cref="WebhookDeliveryOptions.MaxConcurrency"/> at once); returns how many it leased. The hosted loop runs
    /// it every <see cref="WebhookDeliveryOptions.PollInterval"/>, at once again after a full batch.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leased = await outbox.LeaseDueAsync(endpoints.Keys, options.BatchSize, now, now + options.LeaseTime, cancellationToken);
        await Parallel.ForEachAsync(
            leased,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (delivery, token) => await DeliverAsync(delivery, token));
        return leased.Count;
    }

    /// <summary>Counts the outbox's pending deliveries for the backlog gauge.</summary>
    public async Task<long> RefreshBacklogAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.CountPendingAsync(cancellationToken);
        metrics.Backlog(pending);
        return pending;
    }

    public override void Dispose()
    {
        base.Dispose();
        client.Dispose();
        metrics.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(endpoints.Count);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var leased = await DispatchDueAsync(stoppingToken);
                await RefreshBacklogAsync(stoppingToken);
                failures = 0;

                // A full batch: more may be due now.
                wait = leased == options.BatchSize ? TimeSpan.Zero : options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The outbox is unreachable (a database outage): deliveries wait there, nothing is lost.
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerMinute, options.PollInterval.Ticks << Math.Min(failures - 1, 10)));
                LogOutboxFailed(exception, wait);
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var endpoint = endpoints[delivery.Webhook];
        var started = time.GetTimestamp();
        var outcome = await sender.SendAsync(endpoint, delivery, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        var now = time.GetUtcNow();
        var deliveryId = delivery.Transition.DeliveryId;
        try
        {
            if (outcome.Status == AttemptStatus.Delivered)
            {
                metrics.Attempted(WebhookMetrics.Delivered, elapsed);
                metrics.DeliveredAfter(now - delivery.Transition.At);
                LogDelivered(endpoint.Name, deliveryId, delivery.Attempts);
                await outbox.CompleteAsync(delivery, now, cancellationToken);
                return;
            }

            var next = retries.NextAttempt(delivery, now);
            var error = outcome.Error!;
            if (next is null)
            {
                metrics.Attempted(WebhookMetrics.GaveUp, elapsed);
                LogGaveUp(endpoint.Name, deliveryId, delivery.Attempts, error);
            }
            else
            {
                metrics.Attempted(outcome.Status == AttemptStatus.Refused ? WebhookMetrics.RefusedByPolicy : WebhookMetrics.FailedRetrying, elapsed);
                LogRetrying(endpoint.Name, deliveryId, delivery.Attempts, error, next.Value);
            }

            await outbox.FailAsync(delivery, error, next, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and the delivery is attempted again: receivers de-duplicate by delivery id.
            LogOutcomeNotStored(exception, endpoint.Name, deliveryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivering alert transitions to {Webhooks} webhooks")]
    private partial void LogStarted(int webhooks);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Webhook} accepted {DeliveryId} (attempt {Attempt})")]
    private partial void LogDelivered(string webhook, string deliveryId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} did not take {DeliveryId} (attempt {Attempt}: {Error}); next attempt at {NextAttemptAt}")]
    private partial void LogRetrying(string webhook, string deliveryId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {DeliveryId} to webhook {Webhook} after {Attempts} attempts; the last: {Error}")]
    private partial void LogGaveUp(string webhook, string deliveryId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of {DeliveryId} for webhook {Webhook} was not stored; it will be attempted again when its lease runs out")]
    private partial void LogOutcomeNotStored(Exception exception, string webhook, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the webhook outbox failed; trying again in {Wait}")]
    private partial void LogOutboxFailed(Exception exception, TimeSpan wait);
}

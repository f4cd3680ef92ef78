using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.History;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// Alerts and the webhook outbox in PostgreSQL. Grains record transitions without waiting: they are buffered and a
/// background loop writes them every <see cref="PostgresAlertOptions.FlushInterval"/>, each batch in one transaction
/// with its deliveries (<see cref="AlertWriter"/>). While the database is away nothing is thrown at callers:
/// transitions stay buffered (up to a bound; beyond it the oldest are dropped and counted), flushes retry with backoff
/// and <see cref="Health"/> says so. Reads, acknowledgements and the outbox go to the database directly, so they see
/// transitions from the flush after they were recorded on.
/// </summary>
public sealed partial class PostgresAlertStore : IAlertStore, IWebhookOutbox, IAsyncDisposable
{
    private readonly PostgresAlertOptions options;
    private readonly string[] webhooks;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly NpgsqlDataSource dataSource;
    private readonly TransitionBuffer buffer;
    private readonly AlertStoreMetrics metrics;
    private readonly SemaphoreSlim flushGate = new(1, 1);
    private readonly WriteHealth health;
    private CancellationTokenSource? stopping;
    private Task loop = Task.CompletedTask;
    private int disposed;

    public PostgresAlertStore(
        IOptions<PostgresAlertOptions> options,
        IOptions<AlertStoreOptions> storeOptions,
        TimeProvider timeProvider,
        ILogger<PostgresAlertStore> logger,
        IMeterFactory? meterFactory = null)
    {
        this.options = options.Value;
        this.options.Validate();
        webhooks = [.. storeOptions.Value.Webhooks];
        this.timeProvider = timeProvider;
        this.logger = logger;
        dataSource = NpgsqlDataSource.Create(this.options.ConnectionString);
        buffer = new TransitionBuffer(this.options.MaxBufferedTransitions);
        metrics = new AlertStoreMetrics(meterFactory, () => buffer.Count);
        health = new WriteHealth(timeProvider);
    }

    /// <summary>Transitions recorded and not yet written.</summary>
    public long Backlog => buffer.Count;

    /// <summary>Whether transitions reach the database, and since when (the shape the history store reports in).</summary>
    public HistoryHealth Health => health.Snapshot(Backlog);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The transition cannot be stored (<see cref="AlertTransitionRules"/>).</exception>
    public void Record(AlertTransition transition)
    {
        AlertTransitionRules.Validate(transition);
        metrics.Dropped(buffer.Add(new PendingTransition(transition, timeProvider.GetUtcNow())));
    }

    /// <exception cref="AlertStoreUnavailableException">The database could not answer.</exception>
    public Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        AlertOrder.Validate(query);
        return Guard("list alerts", token => AlertReader.QueryAsync(dataSource, query, token), cancellationToken);
    }

    /// <exception cref="AlertStoreUnavailableException">The database could not answer.</exception>
    public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Guard("read an alert", token => AlertReader.GetAsync(dataSource, id, token), cancellationToken);
    }

    public Task<Alert?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return Guard("acknowledge an alert", token => AlertReader.AcknowledgeAsync(dataSource, id, by, at, token), cancellationToken);
    }

    /// <exception cref="AlertStoreUnavailableException">The database could not answer.</exception>
    public Task<IReadOnlyList<OpenAlertCount>> CountOpenAsync(CancellationToken cancellationToken) =>
        Guard("count open alerts", token => OpenAlertCounter.CountAsync(dataSource, token), cancellationToken);

    /// <exception cref="AlertStoreUnavailableException">The database could not answer.</exception>
    public Task<IReadOnlySet<string>> SitesWithOpenAsync(AlertKind kind, CancellationToken cancellationToken) =>
        Guard("list the sites with open alerts", token => OpenAlertCounter.SitesWithAsync(dataSource, kind, token), cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> LeaseDueAsync(
        IReadOnlyCollection<string> webhooks,
        int max,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return Guard("lease webhook deliveries", token => OutboxStatements.LeaseAsync(dataSource, webhooks, max, now, leaseUntil, token), cancellationToken);
    }

    public Task CompleteAsync(WebhookDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Guard("complete a webhook delivery", async token =>
        {
            await OutboxStatements.CompleteAsync(dataSource, delivery, at, token);
            return true;
        }, cancellationToken);
    }

    public Task FailAsync(WebhookDelivery delivery, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(error);
        return Guard("reschedule a webhook delivery", async token =>
        {
            await OutboxStatements.FailAsync(dataSource, delivery, error, nextAttemptAt, token);
            return true;
        }, cancellationToken);
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        Guard("count webhook deliveries", token => OutboxStatements.CountPendingAsync(dataSource, token), cancellationToken);

    /// <summary>Starts the background flush loop. Does not touch the database itself.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (stopping is null)
        {
            stopping = new CancellationTokenSource();
            loop = Task.Run(() => RunFlushLoopAsync(stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the loop and makes one last attempt to write everything buffered.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
        stopping = null;
        if (!await FlushAsync(cancellationToken))
        {
            LogUnwrittenAtStop(buffer.Count);
        }
    }

    /// <summary>
    /// Writes everything buffered now, in batches of <see cref="PostgresAlertOptions.TransitionsPerFlush"/>. Returns
    /// false, without throwing, when the database could not take it: the transitions are back in the buffer.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await flushGate.WaitAsync(cancellationToken);
        try
        {
            // Only what was waiting when the flush began, so that a steady trickle cannot keep one flush going for ever.
            for (var remaining = buffer.Count; remaining > 0; remaining -= options.TransitionsPerFlush)
            {
                if (!await WriteBatchAsync(Math.Min(remaining, options.TransitionsPerFlush), cancellationToken))
                {
                    return false;
                }
            }

            MarkHealthy();
            return true;
        }
        finally
        {
            flushGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (stopping is not null)
        {
            await StopAsync(CancellationToken.None);
        }
        else if (Backlog > 0)
        {
            await FlushAsync(CancellationToken.None);
        }

        await dataSource.DisposeAsync();
        metrics.Dispose();
        flushGate.Dispose();
    }

    // One exception type for "the store failed", whatever the driver threw, so that callers need not know Npgsql.
    private static async Task<T> Guard<T>(string action, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work(cancellationToken);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AlertStoreUnavailableException($"The alert store could not {action}: {error.Message}", error);
        }
    }

    private async Task<bool> WriteBatchAsync(int count, CancellationToken cancellationToken)
    {
        var batch = buffer.Take(count);
        if (batch.Count == 0)
        {
            buffer.Complete();
            return true;
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await AlertWriter.WriteAsync(dataSource, batch, webhooks, cancellationToken);
        }
        catch (Exception exception)
        {
            metrics.Dropped(buffer.Return(batch));
            metrics.Flushed(timeProvider.GetElapsedTime(started), succeeded: false);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            MarkDegraded(batch.Count, exception);
            // Pooled connections to a server that went away are dead; the next attempt starts fresh.
            dataSource.Clear();
            return false;
        }

        buffer.Complete();
        metrics.Flushed(timeProvider.GetElapsedTime(started), succeeded: true);
        return true;
    }

    private async Task RunFlushLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = failures == 0
                ? options.FlushInterval
                : TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryDelay.Ticks << Math.Min(failures - 1, 16)));
            try
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
                failures = await FlushAsync(cancellationToken) ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void MarkDegraded(int transitions, Exception exception)
    {
        health.Degraded(exception);
        LogFlushFailed(exception, transitions);
    }

    private void MarkHealthy()
    {
        if (health.Healthy() is { } degradedSince)
        {
            LogRecovered(degradedSince);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Transitions} alert transitions to PostgreSQL failed; they stay buffered and will be retried")]
    private partial void LogFlushFailed(Exception exception, int transitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert writes reach PostgreSQL again (degraded since {DegradedSince})")]
    private partial void LogRecovered(DateTimeOffset degradedSince);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Transitions} alert transitions not written to PostgreSQL")]
    private partial void LogUnwrittenAtStop(int transitions);
}

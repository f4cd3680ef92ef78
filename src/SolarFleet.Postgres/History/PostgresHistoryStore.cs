using System.Data;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>
/// The daily energy ledger and raw readings in PostgreSQL. Grains hand rows over without waiting: ledger rows
/// are coalesced per inverter and day, readings queued, and a background loop writes both every
/// <see cref="PostgresHistoryOptions.FlushInterval"/>. While the database is away nothing is thrown at callers;
/// rows stay buffered (readings up to a bound), flushes retry with backoff and <see cref="Health"/> says so.
/// </summary>
public sealed partial class PostgresHistoryStore : IEnergyLedgerStore, IReadingLog, IAsyncDisposable
{
    private const string QueryColumns =
        "site_id, inverter_id, date, energy_wh, lifetime_end_kwh, coverage, complete, anomalies, last_anomaly, "
        + "epoch, powertoday_wh, bridged_wh, set_aside_wh, restarts, audit";

    private const string QueryAllSites =
        $"SELECT {QueryColumns} FROM solarfleet.daily_ledger WHERE date BETWEEN @from AND @to ORDER BY site_id, inverter_id, date";

    private const string QueryOneSite =
        $"SELECT {QueryColumns} FROM solarfleet.daily_ledger WHERE site_id = @site AND date BETWEEN @from AND @to ORDER BY inverter_id, date";

    // Each inverter's mean in each slot, then their sum per slot; numeric all through so the figures match the embedded
    // log's decimal ones. "inverter_id = ANY" keeps the primary key's range scan on polled_at for each inverter.
    private const string QueryPower = """
        SELECT slot, round(sum(mean))::bigint, count(*)::integer
        FROM (
            SELECT inverter_id, date_bin(@slot, polled_at, @from) AS slot, avg(power_w) AS mean
            FROM solarfleet.readings
            WHERE site_id = @site AND inverter_id = ANY(@inverters) AND polled_at >= @from AND polled_at < @to AND power_w IS NOT NULL
            GROUP BY inverter_id, slot
        ) AS means
        GROUP BY slot
        ORDER BY slot
        """;

    private const string DeleteExpired = """
        DELETE FROM solarfleet.readings
        WHERE ctid = ANY (ARRAY(SELECT ctid FROM solarfleet.readings WHERE polled_at < @cutoff LIMIT @batch))
        """;

    private readonly PostgresHistoryOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly NpgsqlDataSource dataSource;
    private readonly LedgerBuffer ledger = new();
    private readonly ReadingBuffer readings;
    private readonly HistoryMetrics metrics;
    private readonly SemaphoreSlim flushGate = new(1, 1);
    private readonly WriteHealth health;
    private CancellationTokenSource? stopping;
    private Task loops = Task.CompletedTask;
    private int disposed;

    public PostgresHistoryStore(
        IOptions<PostgresHistoryOptions> options,
        TimeProvider timeProvider,
        ILogger<PostgresHistoryStore> logger,
        IMeterFactory? meterFactory = null)
    {
        this.options = options.Value;
        this.options.Validate();
        this.timeProvider = timeProvider;
        this.logger = logger;
        dataSource = NpgsqlDataSource.Create(this.options.ConnectionString);
        readings = new ReadingBuffer(this.options.MaxBufferedReadings);
        metrics = new HistoryMetrics(meterFactory, () => (ledger.Count, readings.Count));
        health = new WriteHealth(timeProvider);
    }

    /// <summary>Rows (ledger and readings) buffered and not yet written.</summary>
    public long Backlog => ledger.Count + readings.Count;

    /// <summary>For readiness probes: whether writes reach the database, and since when.</summary>
    public HistoryHealth Health => health.Snapshot(Backlog);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The row cannot be stored (empty ids, negative energy, coverage outside 0..1).</exception>
    public void Upsert(DailyEnergy row)
    {
        ArgumentNullException.ThrowIfNull(row);
        RequireText(row.SiteId, nameof(row.SiteId));
        RequireText(row.InverterId, nameof(row.InverterId));
        if (row.EnergyWh < 0)
        {
            throw new ArgumentException($"Daily energy cannot be negative (was {row.EnergyWh} Wh for {row.SiteId}/{row.InverterId} on {row.Date}).", nameof(row));
        }

        if (!(row.Coverage is >= 0 and <= 1))
        {
            throw new ArgumentException($"Coverage must be between 0 and 1 (was {row.Coverage} for {row.SiteId}/{row.InverterId} on {row.Date}).", nameof(row));
        }

        if (row.Anomalies < 0)
        {
            throw new ArgumentException($"Anomaly count cannot be negative (was {row.Anomalies}).", nameof(row));
        }

        RejectNul(row.LastAnomaly, nameof(row.LastAnomaly));
        foreach (var entry in row.AuditEntries)
        {
            RejectNul(entry.Detail, nameof(row.Audit));
        }

        ledger.Add(row, timeProvider.GetUtcNow());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The reading has no site or inverter id.</exception>
    public void Append(InverterReadingRecord reading)
    {
        RequireText(reading.SiteId, nameof(reading.SiteId));
        RequireText(reading.InverterId, nameof(reading.InverterId));
        var dropped = readings.Add(reading);
        if (dropped > 0)
        {
            metrics.Dropped(dropped);
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads what the database holds: rows reported since the last flush appear after the next one.</remarks>
    public async IAsyncEnumerable<DailyEnergy> QueryAsync(
        string? siteId,
        DateOnly from,
        DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(siteId is null ? QueryAllSites : QueryOneSite, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        if (siteId is not null)
        {
            command.Parameters.AddWithValue("site", siteId);
        }

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DailyEnergy(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateOnly>(2),
                reader.GetInt64(3),
                await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetDouble(4),
                reader.GetDouble(5),
                reader.GetBoolean(6),
                reader.GetInt32(7),
                await reader.IsDBNullAsync(8, cancellationToken) ? null : reader.GetString(8),
                reader.GetInt32(9),
                reader.GetInt64(10),
                reader.GetInt64(11),
                reader.GetInt64(12),
                reader.GetInt32(13),
                LedgerAuditJson.Read(await reader.IsDBNullAsync(14, cancellationToken) ? null : reader.GetString(14)));
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads what the database holds: readings polled since the last flush appear after the next one.</remarks>
    public async IAsyncEnumerable<PowerSlot> PowerAsync(
        string siteId,
        IReadOnlyList<string> inverterIds,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan slot,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slot, TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(QueryPower, connection);
        command.Parameters.AddWithValue("site", siteId);
        command.Parameters.AddWithValue("inverters", inverterIds.ToArray());
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        command.Parameters.AddWithValue("slot", slot);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new PowerSlot(new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero), reader.GetInt64(1), reader.GetInt32(2));
        }
    }

    /// <summary>Starts the background flush and retention loops. Does not touch the database itself.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (stopping is not null)
        {
            return Task.CompletedTask;
        }

        stopping = new CancellationTokenSource();
        loops = Task.WhenAll(
            Task.Run(() => RunFlushLoopAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => RunRetentionLoopAsync(stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>Stops the loops and makes one last attempt to write everything buffered.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await loops;
        stopping.Dispose();
        stopping = null;
        if (!await FlushAsync(cancellationToken))
        {
            LogUnwrittenAtStop(ledger.Count, readings.Count);
        }
    }

    /// <summary>
    /// Writes everything buffered now. Returns false, without throwing, when the database could not take it:
    /// the rows are back in the buffer for the next attempt.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        await flushGate.WaitAsync(cancellationToken);
        try
        {
            if (!await FlushLedgerAsync(cancellationToken))
            {
                return false;
            }

            // Readings drain in bounded transactions; a large post-outage backlog takes several. Only what was
            // waiting when the flush began, so that a steady trickle cannot keep one flush going for ever.
            for (var remaining = readings.Count; remaining > 0; remaining -= options.ReadingsPerFlush)
            {
                if (!await FlushReadingsAsync(Math.Min(remaining, options.ReadingsPerFlush), cancellationToken))
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

    /// <summary>Deletes readings older than the retention period, in batches; returns how many went.</summary>
    public async Task<long> DeleteExpiredReadingsAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - options.ReadingsRetention;
        long total = 0;
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand(DeleteExpired);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("batch", options.RetentionBatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == options.RetentionBatchSize);

        if (total > 0)
        {
            LogRetentionDeleted(total, cutoff);
        }

        return total;
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

    private Task<bool> FlushLedgerAsync(CancellationToken cancellationToken) => WriteBatchAsync(
        "ledger",
        ledger.TakeAll(),
        LedgerWriter.WriteAsync,
        ledger.Complete,
        ledger.Return,
        cancellationToken);

    private Task<bool> FlushReadingsAsync(int count, CancellationToken cancellationToken) => WriteBatchAsync(
        "readings",
        readings.Take(count),
        ReadingWriter.WriteAsync,
        readings.Complete,
        batch => metrics.Dropped(readings.Return(batch)),
        cancellationToken);

    private async Task<bool> WriteBatchAsync<T>(
        string kind,
        List<T> batch,
        Func<NpgsqlDataSource, IReadOnlyList<T>, CancellationToken, Task> write,
        Action complete,
        Action<List<T>> giveBack,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            complete();
            return true;
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await write(dataSource, batch, cancellationToken);
        }
        catch (Exception exception)
        {
            giveBack(batch);
            metrics.Flushed(kind, timeProvider.GetElapsedTime(started), succeeded: false);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            MarkDegraded(kind, batch.Count, exception);
            // Pooled connections to a server that went away are dead; the next attempt starts fresh.
            dataSource.Clear();
            return false;
        }

        complete();
        metrics.Flushed(kind, timeProvider.GetElapsedTime(started), succeeded: true);
        return true;
    }

    private async Task RunFlushLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(failures == 0 ? options.FlushInterval : RetryDelay(failures), timeProvider, cancellationToken);
                failures = await FlushAsync(cancellationToken) ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var doubled = options.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return doubled < options.MaxRetryDelay ? doubled : options.MaxRetryDelay;
    }

    private async Task RunRetentionLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.RetentionInterval, timeProvider, cancellationToken);
                await DeleteExpiredReadingsAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Retention is not urgent: the next interval tries again.
                LogRetentionFailed(exception);
            }
        }
    }

    private void MarkDegraded(string kind, int rows, Exception exception)
    {
        health.Degraded(exception);
        LogFlushFailed(exception, kind, rows);
    }

    private void MarkHealthy()
    {
        if (health.Healthy() is { } degradedSince)
        {
            LogRecovered(degradedSince);
        }
    }

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required.", name);
        }

        RejectNul(value, name);
    }

    // PostgreSQL text cannot hold NUL; one such row would otherwise fail every batch it travels in.
    private static void RejectNul(string? value, string name)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} contains a NUL character, which PostgreSQL cannot store.", name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Rows} {Kind} rows to PostgreSQL failed; they stay buffered and will be retried")]
    private partial void LogFlushFailed(Exception exception, string kind, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "History writes reach PostgreSQL again (degraded since {DegradedSince})")]
    private partial void LogRecovered(DateTimeOffset degradedSince);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {LedgerRows} ledger rows and {Readings} readings not written to PostgreSQL")]
    private partial void LogUnwrittenAtStop(int ledgerRows, int readings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} readings polled before {Cutoff}")]
    private partial void LogRetentionDeleted(long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired readings failed; retrying at the next interval")]
    private partial void LogRetentionFailed(Exception exception);
}

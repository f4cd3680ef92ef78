using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.Reminders;

/// <summary>
/// The Orleans reminder table in PostgreSQL, in the table and row format of the Orleans ADO.NET reminder provider,
/// with registrations and removals batched into multi-row statements (a bulk registration registers one reminder
/// per inverter). Reads, rare and per grain or per ring range, run as they come.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ReminderStatements _statements;
    private readonly StatementBatcher<ReminderKey, ReminderEntry, int> _upserts;
    private readonly StatementBatcher<ReminderKey, ReminderRemoval, bool> _removals;
    private int _disposed;

    public PostgresReminderTable(string connectionString, string serviceId, StatementMetrics? metrics = null)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _statements = new ReminderStatements(_dataSource, serviceId);
        _upserts = new(entry => ReminderKey.Of(entry.GrainId, entry.ReminderName), _statements.UpsertAsync, BatchLimits.MaxBatch, BatchLimits.Workers, metrics?.Observer("reminder_upsert"));
        _removals = new(removal => removal.Key, _statements.RemoveAsync, BatchLimits.MaxBatch, BatchLimits.Workers, metrics?.Observer("reminder_remove"));
    }

    /// <summary>The reminder service starts only once its table answers: a wrong connection string fails the silo's start.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _statements.PingAsync(cancellationToken);

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new(await _statements.ReadAsync(grainId, CancellationToken.None));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        new(await _statements.ReadAsync(begin, end, CancellationToken.None));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        _statements.ReadAsync(grainId, reminderName, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var version = await _upserts.RunAsync(entry, CancellationToken.None);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        int.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
        && await _removals.RunAsync(new ReminderRemoval(ReminderKey.Of(grainId, reminderName), version), CancellationToken.None);

    public Task TestOnlyClearTable() => _statements.RemoveAllAsync(CancellationToken.None);

    /// <summary>
    /// The reminder service stops the table after itself: queued changes still go out, until
    /// <paramref name="cancellationToken"/> fires; then those not sent fail.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _upserts.StopAsync(cancellationToken);
        await _removals.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _upserts.DisposeAsync();
        await _removals.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SolarFleet.Postgres.Schema;

/// <summary>
/// Brings a database up to the schema this build expects: the Orleans provider tables and queries and the
/// SolarFleet history tables. Safe to run from several silos at once and to run again: a session-level
/// advisory lock serialises runners, applied versions are recorded in <c>solarfleet.schema_migrations</c>,
/// and each script commits in its own transaction together with its record.
/// </summary>
public sealed partial class PostgresMigrator
{
    /// <summary>The pg_advisory_lock key every SolarFleet migrator takes ("SolarFlt" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x536F_6C61_7246_6C74;

    private const string BootstrapSql = """
        CREATE SCHEMA IF NOT EXISTS solarfleet;
        CREATE TABLE IF NOT EXISTS solarfleet.schema_migrations
        (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    private readonly IReadOnlyList<MigrationScript> scripts;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public PostgresMigrator(ILogger<PostgresMigrator>? logger = null, TimeProvider? timeProvider = null)
        : this(MigrationScript.All, logger, timeProvider)
    {
    }

    internal PostgresMigrator(IReadOnlyList<MigrationScript> scripts, ILogger? logger, TimeProvider? timeProvider)
    {
        this.scripts = scripts;
        this.logger = logger ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Applies every migration the database lacks and reports what it did.</summary>
    /// <exception cref="InvalidOperationException">An applied migration differs from the script in this build.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached or a script fails (that script is rolled back).</exception>
    public async Task<MigrationReport> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        LogWaitingForLock(AdvisoryLockKey);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            return await MigrateLockedAsync(connection, cancellationToken);
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private async Task<MigrationReport> MigrateLockedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var bootstrap = new NpgsqlCommand(BootstrapSql, connection))
        {
            await bootstrap.ExecuteNonQueryAsync(cancellationToken);
        }

        var recorded = await ReadRecordedAsync(connection, cancellationToken);
        var alreadyApplied = new List<string>();
        var applied = new List<string>();
        foreach (var script in scripts)
        {
            if (recorded.TryGetValue(script.Version, out var checksum))
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {script.Name} was changed after it was applied to this database "
                        + $"(recorded checksum {checksum}, this build {script.Checksum}). Add a new migration instead of editing an applied one.");
                }

                alreadyApplied.Add(script.Name);
                continue;
            }

            await ApplyAsync(connection, script, cancellationToken);
            applied.Add(script.Name);
        }

        var known = scripts.Select(script => script.Version).ToHashSet();
        foreach (var unknown in recorded.Keys.Where(version => !known.Contains(version)))
        {
            LogNewerSchema(unknown);
        }

        var schemaVersion = recorded.Keys.Concat(scripts.Select(script => script.Version)).DefaultIfEmpty(0).Max();
        LogMigrated(schemaVersion, applied.Count, alreadyApplied.Count);
        return new MigrationReport(schemaVersion, applied, alreadyApplied);
    }

    private static async Task<Dictionary<int, string>> ReadRecordedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM solarfleet.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetInt32(0), reader.GetString(1));
        }

        return recorded;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        LogApplying(script.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var body = new NpgsqlCommand(script.Sql, connection, transaction))
        {
            await body.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO solarfleet.schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @appliedAt)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            record.Parameters.AddWithValue("appliedAt", timeProvider.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        // A broken connection has already released its session lock; an unlock failure must not hide the real error.
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException exception)
        {
            LogUnlockFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the schema migration lock {LockKey}")]
    private partial void LogWaitingForLock(long lockKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying schema migration {Migration}")]
    private partial void LogApplying(string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has schema migration {Version}, which this build does not know; it was written by a newer build")]
    private partial void LogNewerSchema(int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema at version {SchemaVersion}: {Applied} migrations applied now, {AlreadyApplied} already present")]
    private partial void LogMigrated(int schemaVersion, int applied, int alreadyApplied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the schema migration lock failed; it is released when the connection closes")]
    private partial void LogUnlockFailed(Exception exception);
}

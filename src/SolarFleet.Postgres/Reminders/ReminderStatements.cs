using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.Reminders;

/// <summary>
/// The reminder table's statements, in the row format of the Orleans ADO.NET reminder provider: the grain's uniform
/// hash as a signed integer, the period in milliseconds, the version as the etag. Upserts and removals run many
/// rows per statement.
/// </summary>
internal sealed class ReminderStatements(NpgsqlDataSource dataSource, string serviceId)
{
    private const string Columns = "grain_id, reminder_name, start_time, period, version";

    private static readonly string ReadByGrainSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $1 AND grain_id = $2";

    private static readonly string ReadOneSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3";

    // Ranges compare the stored signed hashes, so the (service_id, grain_hash) index serves them.
    private static readonly string ReadRangeSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $1 AND grain_hash > $2 AND grain_hash <= $3";

    private static readonly string ReadWrappedRangeSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $1 AND (grain_hash > $2 OR grain_hash <= $3)";

    // New rows start at version 0; each re-registration bumps it. Rows come back by key (one per key per batch).
    private const string UpsertSql = """
        INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
        SELECT $1, grain_id, reminder_name, start_time, period, grain_hash, 0
        FROM unnest($2, $3, $4, $5, $6) AS i(grain_id, reminder_name, start_time, period, grain_hash)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash, version = r.version + 1
        RETURNING grain_id, reminder_name, version
        """;

    private const string RemoveSql = """
        DELETE FROM orleans_reminders r
        USING unnest($2, $3, $4) WITH ORDINALITY AS i(grain_id, reminder_name, version, ord)
        WHERE r.service_id = $1 AND r.grain_id = i.grain_id AND r.reminder_name = i.reminder_name AND r.version = i.version
        RETURNING i.ord
        """;

    public Task<List<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(ReadByGrainSql, cancellationToken, grainId.ToString());

    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await QueryAsync(ReadOneSql, cancellationToken, grainId.ToString(), reminderName)).SingleOrDefault();

    /// <summary>Reminders of grains whose ring position is in (<paramref name="begin"/>, <paramref name="end"/>], wrapping past the top.</summary>
    /// <remarks>
    /// The ring is unsigned and the stored hash is the position cast to a signed integer. The cast keeps the order
    /// inside each half of the ring and swaps the halves, so an unsigned range is one signed range when the signed
    /// bounds are in order, and the two ends of the signed line otherwise (whole ring when begin equals end).
    /// </remarks>
    public Task<List<ReminderEntry>> ReadAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        int from = unchecked((int)begin), to = unchecked((int)end);
        return QueryAsync(from < to ? ReadRangeSql : ReadWrappedRangeSql, cancellationToken, from, to);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleans_reminders WHERE false");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <returns>Per entry, its new version.</returns>
    public async Task<int[]> UpsertAsync(IReadOnlyList<ReminderEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(BatchParameters.Text(serviceId));
        command.Parameters.Add(BatchParameters.Column(entries.Select(entry => entry.GrainId.ToString()), NpgsqlDbType.Text));
        command.Parameters.Add(BatchParameters.Column(entries.Select(entry => entry.ReminderName), NpgsqlDbType.Text));
        command.Parameters.Add(BatchParameters.Column(entries.Select(entry => AsUtc(entry.StartAt)), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(BatchParameters.Column(entries.Select(entry => (long)entry.Period.TotalMilliseconds), NpgsqlDbType.Bigint));
        command.Parameters.Add(BatchParameters.Column(entries.Select(entry => (int)entry.GrainId.GetUniformHashCode()), NpgsqlDbType.Integer));
        var versions = new Dictionary<ReminderKey, int>(entries.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[new ReminderKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
            }
        }

        return [.. entries.Select(entry => versions[ReminderKey.Of(entry.GrainId, entry.ReminderName)])];
    }

    /// <returns>Per removal, whether the row was there with the expected version (and is now gone).</returns>
    public async Task<bool[]> RemoveAsync(IReadOnlyList<ReminderRemoval> removals, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RemoveSql);
        command.Parameters.Add(BatchParameters.Text(serviceId));
        command.Parameters.Add(BatchParameters.Column(removals.Select(removal => removal.Key.GrainId), NpgsqlDbType.Text));
        command.Parameters.Add(BatchParameters.Column(removals.Select(removal => removal.Key.ReminderName), NpgsqlDbType.Text));
        command.Parameters.Add(BatchParameters.Column(removals.Select(removal => removal.Version), NpgsqlDbType.Integer));
        var removed = new bool[removals.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            removed[(int)reader.GetInt64(0) - 1] = true;
        }

        return removed;
    }

    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM orleans_reminders WHERE service_id = $1");
        command.Parameters.Add(BatchParameters.Text(serviceId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<ReminderEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(BatchParameters.Text(serviceId));
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetFieldValue<DateTime>(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }

    // Orleans hands over UTC start times, some without a kind; timestamptz needs them marked as UTC.
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}

using Npgsql;
using NpgsqlTypes;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.GrainState;

/// <summary>
/// Reads, writes and clears of many grain states, each batch one statement over arrays. Every row is matched by the
/// full identity and every change checks the version its caller read, exactly as a single-row call would.
/// </summary>
internal sealed class GrainStateStatements(NpgsqlDataSource dataSource, string serviceId)
{
    // One grain's row: the batch row i (the arrays unnested) matched against a stored or just inserted row s.
    private const string SameGrain = """
        s.grain_id_hash = i.grain_id_hash AND s.grain_type_hash = i.grain_type_hash
        AND s.grain_id_n0 = i.n0 AND s.grain_id_n1 = i.n1 AND s.grain_type = i.grain_type
        AND s.grain_id_extension IS NOT DISTINCT FROM i.ext
        """;

    private const string Matches = "s.service_id = $1 AND " + SameGrain;

    private static readonly string ReadSql = $"""
        SELECT i.ord, s.version, s.payload
        FROM unnest($2, $3, $4, $5, $6, $7) WITH ORDINALITY AS i(grain_id_hash, grain_type_hash, n0, n1, grain_type, ext, ord)
        JOIN orleans_storage s ON {Matches}
        """;

    // A row is inserted where the caller expected none, and updated where its version is the caller's; a call
    // that gets no row back lost a race with another writer.
    private static readonly string WriteSql = $"""
        WITH i AS (
            SELECT * FROM unnest($2, $3, $4, $5, $6, $7, $8, $9) WITH ORDINALITY
                AS t(grain_id_hash, grain_type_hash, n0, n1, grain_type, ext, expected, payload, ord)
        ),
        updated AS (
            UPDATE orleans_storage s
            SET payload = i.payload, version = s.version + 1, modified_at = now()
            FROM i
            WHERE i.expected IS NOT NULL AND s.version = i.expected AND {Matches}
            RETURNING i.ord, s.version
        ),
        inserted AS (
            INSERT INTO orleans_storage (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type,
                                         grain_id_extension, payload, version)
            SELECT $1, grain_id_hash, grain_type_hash, n0, n1, grain_type, ext, payload, 1
            FROM i
            WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension, version
        )
        SELECT ord, version FROM updated
        UNION ALL
        SELECT i.ord, s.version FROM inserted s JOIN i ON i.expected IS NULL AND {SameGrain}
        """;

    // The row stays (payload gone, version bumped), so a later write must still present the current version.
    private static readonly string ClearSql = $"""
        UPDATE orleans_storage s
        SET payload = NULL, version = s.version + 1, modified_at = now()
        FROM unnest($2, $3, $4, $5, $6, $7, $8) WITH ORDINALITY AS i(grain_id_hash, grain_type_hash, n0, n1, grain_type, ext, expected, ord)
        WHERE s.version = i.expected AND {Matches}
        RETURNING i.ord, s.version
        """;

    public async Task<StoredState[]> ReadAsync(IReadOnlyList<GrainStateKey> keys, CancellationToken cancellationToken)
    {
        var found = new StoredState[keys.Count];
        await using var command = Command(ReadSql, keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1;
            found[index] = new StoredState(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
        }

        return found;
    }

    /// <returns>Per write, the new version, or null where the version check failed.</returns>
    public Task<int?[]> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var command = Command(WriteSql, writes.Select(write => write.Key).ToList());
        command.Parameters.Add(BatchParameters.Column(writes.Select(write => write.ExpectedVersion), NpgsqlDbType.Integer));
        command.Parameters.Add(BatchParameters.Column(writes.Select(write => write.Payload), NpgsqlDbType.Bytea));
        return NewVersionsAsync(command, writes.Count, cancellationToken);
    }

    /// <returns>Per clear, the new version, or null where the version check failed.</returns>
    public Task<int?[]> ClearAsync(IReadOnlyList<StateClear> clears, CancellationToken cancellationToken)
    {
        var command = Command(ClearSql, clears.Select(clear => clear.Key).ToList());
        command.Parameters.Add(BatchParameters.Column(clears.Select(clear => clear.ExpectedVersion), NpgsqlDbType.Integer));
        return NewVersionsAsync(command, clears.Count, cancellationToken);
    }

    private static async Task<int?[]> NewVersionsAsync(NpgsqlCommand command, int count, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var versions = new int?[count];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[(int)reader.GetInt64(0) - 1] = reader.GetInt32(1);
            }

            return versions;
        }
    }

    private NpgsqlCommand Command(string sql, IReadOnlyList<GrainStateKey> keys)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(BatchParameters.Text(serviceId));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.GrainIdHash), NpgsqlDbType.Integer));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.GrainTypeHash), NpgsqlDbType.Integer));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.N0), NpgsqlDbType.Bigint));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.N1), NpgsqlDbType.Bigint));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.GrainType), NpgsqlDbType.Text));
        command.Parameters.Add(BatchParameters.Column(keys.Select(key => key.Extension), NpgsqlDbType.Text));
        return command;
    }
}

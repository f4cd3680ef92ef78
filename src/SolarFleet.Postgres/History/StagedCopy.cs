using Npgsql;
using NpgsqlTypes;

namespace SolarFleet.Postgres.History;

/// <summary>
/// The write path both history tables share: one transaction that binary-COPYs a batch into a staging table
/// dropped at commit, then moves it into the real table with one set-based statement.
/// </summary>
internal static class StagedCopy
{
    /// <param name="table">The target table; the staging table copies its columns.</param>
    /// <param name="columns">The column list, in the order <paramref name="writeRow"/> writes values.</param>
    /// <param name="moveToTable">Statement moving rows from <c>incoming</c> into the target table.</param>
    public static async Task WriteAsync<T>(
        NpgsqlDataSource dataSource,
        string table,
        string columns,
        string moveToTable,
        IReadOnlyList<T> batch,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"CREATE TEMP TABLE incoming (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY incoming ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in batch)
            {
                await importer.StartRowAsync(cancellationToken);
                await writeRow(importer, row, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, moveToTable, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static Task WriteNullableAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value.HasValue ? importer.WriteAsync(value.Value, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    public static Task WriteNullableAsync(this NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

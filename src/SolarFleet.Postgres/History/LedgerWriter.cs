using Npgsql;
using NpgsqlTypes;

namespace SolarFleet.Postgres.History;

/// <summary>
/// Writes a batch of ledger rows with one upsert that never lowers energy and keeps the other fields of
/// whichever report is newer. Replaying a batch, or writing the same row from two silos, therefore changes
/// nothing that was already right.
/// </summary>
internal static class LedgerWriter
{
    private const string Table = "solarfleet.daily_ledger";

    private const string Columns =
        "site_id, inverter_id, date, energy_wh, lifetime_end_kwh, coverage, complete, anomalies, last_anomaly, updated_at";

    private const string Merge = $"""
        INSERT INTO {Table} AS stored ({Columns})
        SELECT {Columns} FROM incoming
        ON CONFLICT (site_id, inverter_id, date) DO UPDATE SET
            energy_wh        = GREATEST(stored.energy_wh, EXCLUDED.energy_wh),
            lifetime_end_kwh = CASE WHEN EXCLUDED.updated_at >= stored.updated_at THEN EXCLUDED.lifetime_end_kwh ELSE stored.lifetime_end_kwh END,
            coverage         = CASE WHEN EXCLUDED.updated_at >= stored.updated_at THEN EXCLUDED.coverage ELSE stored.coverage END,
            complete         = CASE WHEN EXCLUDED.updated_at >= stored.updated_at THEN EXCLUDED.complete ELSE stored.complete END,
            anomalies        = CASE WHEN EXCLUDED.updated_at >= stored.updated_at THEN EXCLUDED.anomalies ELSE stored.anomalies END,
            last_anomaly     = CASE WHEN EXCLUDED.updated_at >= stored.updated_at THEN EXCLUDED.last_anomaly ELSE stored.last_anomaly END,
            updated_at       = GREATEST(stored.updated_at, EXCLUDED.updated_at)
        """;

    public static Task WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingLedgerRow> batch, CancellationToken cancellationToken) =>
        StagedCopy.WriteAsync(dataSource, Table, Columns, Merge, batch, WriteRowAsync, cancellationToken);

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, PendingLedgerRow pending, CancellationToken cancellationToken)
    {
        var row = pending.Row;
        await importer.WriteAsync(row.SiteId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(row.InverterId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(row.Date, NpgsqlDbType.Date, cancellationToken);
        await importer.WriteAsync(row.EnergyWh, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteNullableAsync(row.LifetimeEndKwh, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteAsync(row.Coverage, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteAsync(row.Complete, NpgsqlDbType.Boolean, cancellationToken);
        await importer.WriteAsync(row.Anomalies, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteNullableAsync(row.LastAnomaly, cancellationToken);
        await importer.WriteAsync(pending.UpdatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
    }
}

using Npgsql;
using NpgsqlTypes;

namespace SolarFleet.Postgres.History;

/// <summary>
/// Writes a batch of ledger rows with one upsert that applies the ledger's merge rule (<c>DailyEnergyMerge</c>) in
/// SQL: a later epoch replaces the stored row, an earlier one changes nothing, and within an epoch energy and every
/// count never go down while the energy's parts and the audit come from the fuller row. Replaying a batch, or
/// writing the same row from two silos, therefore changes nothing that was already right.
/// </summary>
internal static class LedgerWriter
{
    private const string Table = "solarfleet.daily_ledger";

    private const string Columns =
        "site_id, inverter_id, date, energy_wh, lifetime_end_kwh, coverage, complete, anomalies, last_anomaly, updated_at, "
        + "epoch, powertoday_wh, bridged_wh, set_aside_wh, restarts, audit";

    // Events an audit records, repeats included (each entry's "count"): the longer audit is the later one.
    private const string IncomingAuditEvents =
        "COALESCE((SELECT sum((entry->>'count')::int) FROM jsonb_array_elements(EXCLUDED.audit) AS entry), 0)";

    private const string StoredAuditEvents =
        "COALESCE((SELECT sum((entry->>'count')::int) FROM jsonb_array_elements(stored.audit) AS entry), 0)";

    private const string Merge = $"""
        INSERT INTO {Table} AS stored ({Columns})
        SELECT {Columns} FROM incoming
        ON CONFLICT (site_id, inverter_id, date) DO UPDATE SET
            energy_wh        = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.energy_wh ELSE GREATEST(stored.energy_wh, EXCLUDED.energy_wh) END,
            powertoday_wh    = CASE WHEN EXCLUDED.epoch > stored.epoch OR EXCLUDED.energy_wh >= stored.energy_wh THEN EXCLUDED.powertoday_wh ELSE stored.powertoday_wh END,
            bridged_wh       = CASE WHEN EXCLUDED.epoch > stored.epoch OR EXCLUDED.energy_wh >= stored.energy_wh THEN EXCLUDED.bridged_wh ELSE stored.bridged_wh END,
            lifetime_end_kwh = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.lifetime_end_kwh ELSE GREATEST(stored.lifetime_end_kwh, EXCLUDED.lifetime_end_kwh) END,
            coverage         = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.coverage ELSE GREATEST(stored.coverage, EXCLUDED.coverage) END,
            complete         = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.complete ELSE stored.complete OR EXCLUDED.complete END,
            anomalies        = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.anomalies ELSE GREATEST(stored.anomalies, EXCLUDED.anomalies) END,
            last_anomaly     = CASE WHEN EXCLUDED.epoch > stored.epoch OR EXCLUDED.anomalies >= stored.anomalies THEN COALESCE(EXCLUDED.last_anomaly, stored.last_anomaly) ELSE stored.last_anomaly END,
            set_aside_wh     = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.set_aside_wh ELSE GREATEST(stored.set_aside_wh, EXCLUDED.set_aside_wh) END,
            restarts         = CASE WHEN EXCLUDED.epoch > stored.epoch THEN EXCLUDED.restarts ELSE GREATEST(stored.restarts, EXCLUDED.restarts) END,
            audit            = CASE WHEN EXCLUDED.epoch > stored.epoch OR {IncomingAuditEvents} >= {StoredAuditEvents} THEN EXCLUDED.audit ELSE stored.audit END,
            epoch            = EXCLUDED.epoch,
            updated_at       = GREATEST(stored.updated_at, EXCLUDED.updated_at)
        WHERE EXCLUDED.epoch >= stored.epoch
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
        await importer.WriteAsync(row.Epoch, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(row.PowerTodayWh, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(row.BridgedWh, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(row.SetAsideWh, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(row.Restarts, NpgsqlDbType.Integer, cancellationToken);
        if (LedgerAuditJson.Write(row.Audit) is { } audit)
        {
            await importer.WriteAsync(audit, NpgsqlDbType.Jsonb, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }
}

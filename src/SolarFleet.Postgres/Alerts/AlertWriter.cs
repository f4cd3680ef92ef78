using Npgsql;
using NpgsqlTypes;
using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// Writes a batch of transitions in one transaction, one statement each, in the order they were recorded (a raise
/// and its resolution may share a batch). A statement upserts the alert and, only when that changed it, queues one
/// delivery per webhook: a raise inserts the alert (an alert already known stays as it is), a resolution sets the
/// resolution time and figures of an open alert. A repeated transition therefore changes nothing and queues nothing,
/// and the unique (webhook, alert, transition) key makes sure of the latter.
/// </summary>
internal static class AlertWriter
{
    private const string Upsert = """
        WITH changed AS (
            INSERT INTO solarfleet.alerts AS stored
                (id, kind, severity, site_id, inverter_id, raised_at, resolved_at, acknowledged_at, acknowledged_by, summary, detail, figures)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at, figures = EXCLUDED.figures
            WHERE EXCLUDED.resolved_at IS NOT NULL AND stored.resolved_at IS NULL
            RETURNING stored.id
        )
        INSERT INTO solarfleet.webhook_deliveries (webhook, alert_id, transition, alert, created_at, due_at)
        SELECT webhook, changed.id, $13, $14, $15, $15
        FROM changed CROSS JOIN unnest($16::text[]) AS webhook
        ON CONFLICT (webhook, alert_id, transition) DO NOTHING
        """;

    public static async Task WriteAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<PendingTransition> batch,
        string[] webhooks,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch)
        {
            statements.BatchCommands.Add(Statement(pending, webhooks));
        }

        await statements.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Statement(PendingTransition pending, string[] webhooks)
    {
        var alert = pending.Transition.Alert;
        var statement = new NpgsqlBatchCommand(Upsert);
        var values = statement.Parameters;
        values.Add(Text(alert.Id));
        values.Add(Text(AlertJson.Name(alert.Kind)));
        values.Add(Text(AlertJson.Name(alert.Severity)));
        values.Add(Text(alert.SiteId));
        values.Add(Text(alert.InverterId));
        values.Add(Time(alert.RaisedAt));
        values.Add(Time(alert.ResolvedAt));
        values.Add(Time(alert.AcknowledgedAt));
        values.Add(Text(alert.AcknowledgedBy));
        values.Add(Text(alert.Summary));
        values.Add(Text(alert.Detail));
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = AlertJson.WriteFigures(alert.Figures) });
        values.Add(Text(AlertJson.Name(pending.Transition.Transition)));
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = AlertJson.WriteAlert(alert) });
        values.Add(Time(pending.RecordedAt));
        values.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = webhooks });
        return statement;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    // Npgsql writes timestamptz from UTC values only; alerts may carry a site's offset.
    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } at ? at.ToUniversalTime() : DBNull.Value };
}

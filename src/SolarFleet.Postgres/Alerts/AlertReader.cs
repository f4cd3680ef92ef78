using System.Data;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// The alert reads of the API: pages in (raised_at, id) descending order from a cursor, one alert, and the
/// acknowledgement (first one stands, in one statement, so two at once cannot both win).
/// </summary>
internal static class AlertReader
{
    private const string Columns =
        "id, kind, severity, site_id, inverter_id, raised_at, resolved_at, acknowledged_at, acknowledged_by, summary, detail, figures";

    private const string GetOne = $"SELECT {Columns} FROM solarfleet.alerts WHERE id = @id";

    private const string Acknowledge = $"""
        UPDATE solarfleet.alerts
        SET acknowledged_at = COALESCE(acknowledged_at, @at),
            acknowledged_by = CASE WHEN acknowledged_at IS NULL THEN @by ELSE acknowledged_by END
        WHERE id = @id
        RETURNING {Columns}
        """;

    public static async Task<AlertPage> QueryAsync(NpgsqlDataSource dataSource, AlertQuery query, CancellationToken cancellationToken)
    {
        AlertOrder.Validate(query);
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM solarfleet.alerts WHERE true");
        switch (query.State)
        {
            case AlertStateFilter.Open:
                sql.Append(" AND resolved_at IS NULL");
                break;
            case AlertStateFilter.Resolved:
                sql.Append(" AND resolved_at IS NOT NULL");
                break;
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND kind = @kind");
            command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = AlertJson.Name(kind) });
        }

        if (query.Severity is { } severity)
        {
            sql.Append(" AND severity = @severity");
            command.Parameters.Add(new NpgsqlParameter("severity", NpgsqlDbType.Text) { Value = AlertJson.Name(severity) });
        }

        if (query.SiteId is { } siteId)
        {
            sql.Append(" AND site_id = @site");
            command.Parameters.Add(new NpgsqlParameter("site", NpgsqlDbType.Text) { Value = siteId });
        }

        if (query.After is { } after)
        {
            sql.Append(" AND (raised_at, id) < (@afterAt, @afterId)");
            command.Parameters.Add(new NpgsqlParameter("afterAt", NpgsqlDbType.TimestampTz) { Value = after.RaisedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("afterId", NpgsqlDbType.Text) { Value = after.Id });
        }

        // One more than asked: whether it comes back says whether there is a next page.
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY raised_at DESC, id DESC LIMIT {(long)query.Limit + 1}");
        command.CommandText = sql.ToString();
        var alerts = await ReadAllAsync(command, cancellationToken);
        if (alerts.Count <= query.Limit)
        {
            return new AlertPage(alerts, null);
        }

        alerts.RemoveAt(alerts.Count - 1);
        return new AlertPage(alerts, AlertOrder.CursorOf(alerts[^1]));
    }

    public static async Task<Alert?> GetAsync(NpgsqlDataSource dataSource, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetOne);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public static async Task<Alert?> AcknowledgeAsync(NpgsqlDataSource dataSource, string id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Acknowledge);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
        command.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Text) { Value = by });
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() });
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<Alert>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new Alert(
                reader.GetString(0),
                AlertJson.Kind(reader.GetString(1)),
                AlertJson.Severity(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                await reader.IsDBNullAsync(6, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                await reader.IsDBNullAsync(7, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                await reader.IsDBNullAsync(8, cancellationToken) ? null : reader.GetString(8),
                reader.GetString(9),
                reader.GetString(10),
                AlertJson.ReadFigures(reader.GetString(11))));
        }

        return alerts;
    }
}

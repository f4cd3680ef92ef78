using Npgsql;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// Counts open alerts in the database, so that every silo reports the whole fleet's. The partial indexes on open
/// alerts keep this a scan of what is open, which stays small because alerts resolve.
/// </summary>
internal static class OpenAlertCounter
{
    private const string Count = """
        SELECT kind, severity, count(*), count(DISTINCT site_id)
        FROM solarfleet.alerts
        WHERE resolved_at IS NULL
        GROUP BY kind, severity
        """;

    public static async Task<IReadOnlyList<OpenAlertCount>> CountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<OpenAlertCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new OpenAlertCount(AlertJson.Kind(reader.GetString(0)), AlertJson.Severity(reader.GetString(1)), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return counts;
    }
}

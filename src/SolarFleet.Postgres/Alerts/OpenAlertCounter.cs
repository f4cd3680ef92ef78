using Npgsql;
using NpgsqlTypes;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Postgres.Alerts;

/// <summary>
/// Counts open alerts in the database, and lists the sites they are on, so that every silo sees the whole fleet's.
/// The partial indexes on open alerts keep this a scan of what is open, which stays small because alerts resolve.
/// </summary>
internal static class OpenAlertCounter
{
    private const string Count = """
        SELECT kind, severity, count(*), count(DISTINCT site_id)
        FROM solarfleet.alerts
        WHERE resolved_at IS NULL
        GROUP BY kind, severity
        """;

    private const string Sites = """
        SELECT DISTINCT site_id
        FROM solarfleet.alerts
        WHERE resolved_at IS NULL AND kind = @kind
        """;

    public static async Task<IReadOnlySet<string>> SitesWithAsync(NpgsqlDataSource dataSource, AlertKind kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sites);
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = AlertJson.Name(kind) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sites = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            sites.Add(reader.GetString(0));
        }

        return sites;
    }

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

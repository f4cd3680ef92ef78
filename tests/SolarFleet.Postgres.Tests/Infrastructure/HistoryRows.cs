using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;
using SolarFleet.Postgres.History;

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>Builds stores and sample rows, and reads back what the history tables hold.</summary>
public static class HistoryRows
{
    public static readonly DateOnly Day = new(2025, 6, 21);

    public static PostgresHistoryStore CreateStore(
        string connectionString,
        TimeProvider timeProvider,
        MetricProbe? metrics = null,
        Action<PostgresHistoryOptions>? configure = null)
    {
        var options = new PostgresHistoryOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        return new PostgresHistoryStore(
            Options.Create(options),
            timeProvider,
            NullLogger<PostgresHistoryStore>.Instance,
            metrics?.Factory);
    }

    public static DailyEnergy Ledger(string site, string inverter, DateOnly date, long energyWh, double coverage = 1.0, int anomalies = 0) =>
        new(site, inverter, date, energyWh, 1234.5, coverage, coverage >= 1.0, anomalies, anomalies > 0 ? "lifetime went backwards" : null);

    public static InverterReadingRecord Reading(string site, string inverter, DateTimeOffset polledAt, int? powerW = 2984) =>
        new(site, inverter, polledAt, new DateTime(2025, 6, 21, 14, 5, 23), powerW, 12_345, 4567.8, 7, 241.3, 59.98, 3600);

    public static async Task<List<DailyEnergy>> LedgerInDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var rows = new List<DailyEnergy>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT site_id, inverter_id, date, energy_wh, lifetime_end_kwh, coverage, complete, anomalies, last_anomaly FROM solarfleet.daily_ledger ORDER BY 1, 2, 3",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DailyEnergy(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateOnly>(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.GetDouble(5),
                reader.GetBoolean(6),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }
}

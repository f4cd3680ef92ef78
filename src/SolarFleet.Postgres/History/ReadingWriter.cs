using Npgsql;
using NpgsqlTypes;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>
/// Writes a batch of readings, skipping readings already stored (same inverter and poll time), so a replayed
/// batch adds nothing.
/// </summary>
internal static class ReadingWriter
{
    private const string Table = "solarfleet.readings";

    private const string Columns =
        "site_id, inverter_id, polled_at, \"timestamp\", power_w, energy_today_wh, lifetime_kwh, status_code, grid_v, grid_hz, uptime_s";

    private const string Insert = $"""
        INSERT INTO {Table} ({Columns})
        SELECT {Columns} FROM incoming
        ON CONFLICT (site_id, inverter_id, polled_at) DO NOTHING
        """;

    public static Task WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<InverterReadingRecord> batch, CancellationToken cancellationToken) =>
        StagedCopy.WriteAsync(dataSource, Table, Columns, Insert, batch, WriteRowAsync, cancellationToken);

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, InverterReadingRecord reading, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(reading.SiteId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(reading.InverterId, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(reading.PolledAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        // The Pi's clock is site-local wall time; the column has no zone, whatever Kind the value carries.
        DateTime? local = reading.Timestamp is { } timestamp ? DateTime.SpecifyKind(timestamp, DateTimeKind.Unspecified) : null;
        await importer.WriteNullableAsync(local, NpgsqlDbType.Timestamp, cancellationToken);
        await importer.WriteNullableAsync(reading.PowerW, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteNullableAsync(reading.EnergyTodayWh, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteNullableAsync(reading.LifetimeKwh, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteNullableAsync(reading.StatusCode, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteNullableAsync(reading.GridVoltageV, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteNullableAsync(reading.GridFrequencyHz, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteNullableAsync(reading.UptimeSeconds, NpgsqlDbType.Bigint, cancellationToken);
    }
}

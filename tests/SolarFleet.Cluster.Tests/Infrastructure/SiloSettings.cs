using System.Globalization;
using Npgsql;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// Command-line settings of one production silo: PostgreSQL storage, its own loopback ports, a known admin key,
/// one-line console logs, and test-friendly cadences (first poll at once, one-minute reminders, one-second flushes).
/// </summary>
public sealed class SiloSettings
{
    public const string AdminKey = "cluster-admin-key-0123456789abcdef";

    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);

    private SiloSettings()
    {
    }

    public int HttpPort { get; private init; }

    public int SiloPort { get; private init; }

    public static SiloSettings Postgres(string connectionString, string clusterId)
    {
        var settings = new SiloSettings { HttpPort = LoopbackPort.Free(), SiloPort = LoopbackPort.Free() };
        return settings
            .With("urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.HttpPort}"))
            .With("SolarFleet:Storage", "Postgres")
            // The fixture's connection strings turn pooling off for its CREATE/DROP DATABASE; a silo pools like in production.
            .With("ConnectionStrings:SolarFleet", new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true }.ConnectionString)
            .With("SolarFleet:Orleans:ClusterId", clusterId)
            .With("SolarFleet:Orleans:ServiceId", "solarfleet-tests")
            .With("SolarFleet:Orleans:SiloPort", settings.SiloPort.ToString(CultureInfo.InvariantCulture))
            .With("SolarFleet:Orleans:GatewayPort", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture))
            .With("SolarFleet:Orleans:AdvertisedIp", "127.0.0.1")
            .With("SolarFleet:ApiKeys:0:Key", AdminKey)
            .With("SolarFleet:ApiKeys:0:Role", "Admin")
            .With("SolarFleet:Grains:JitterFirstPoll", "false")
            .With("SolarFleet:Grains:ReminderPeriod", "00:01:00")
            .With("SolarFleet:History:FlushInterval", "00:00:01")
            .With("SolarFleet:History:MaxRetryDelay", "00:00:05")
            .With("Logging:LogLevel:Polly", "Warning")
            .With("Logging:Console:FormatterName", "simple")
            .With("Logging:Console:FormatterOptions:SingleLine", "true")
            .With("Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff ");
    }

    public SiloSettings With(string key, string value)
    {
        values[key] = value;
        return this;
    }

    public IEnumerable<string> Arguments() => values.Select(v => $"--{v.Key}={v.Value}");
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// Command-line settings of one silo and the loopback ports it listens on. <see cref="Postgres"/> is a production silo:
/// PostgreSQL storage, its own ports, a known admin key, one-line console logs, and test-friendly cadences (first poll
/// at once, one-minute reminders, one-second flushes).
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
        var ports = DistinctFreePorts(2);
        var settings = new SiloSettings { HttpPort = ports[0], SiloPort = ports[1] };
        return settings
            .With("urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.HttpPort}"))
            .With("SolarFleet:Storage", "Postgres")
            // The fixture's connection strings turn pooling off for its CREATE/DROP DATABASE; a silo pools like in production.
            .With("ConnectionStrings:SolarFleet", new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true }.ConnectionString)
            .With("SolarFleet:Orleans:ClusterId", clusterId)
            .With("SolarFleet:Orleans:ServiceId", "solarfleet-tests")
            .With("SolarFleet:Orleans:SiloPort", settings.SiloPort.ToString(CultureInfo.InvariantCulture))
            .With("SolarFleet:Orleans:AdvertisedIp", "127.0.0.1")
            // Silos talk over mutual TLS, as in production: every cluster test runs on it.
            .With("SolarFleet:Orleans:Tls:CertificatePath", TestCertificates.Shared.SiloCertificatePath)
            .With("SolarFleet:Orleans:Tls:KeyPath", TestCertificates.Shared.SiloKeyPath)
            .With("SolarFleet:Orleans:Tls:CaPath", TestCertificates.Shared.CaPath)
            .With("SolarFleet:ApiKeys:0:Key", AdminKey)
            .With("SolarFleet:ApiKeys:0:Role", "Admin")
            .With("SolarFleet:Grains:JitterFirstPoll", "false")
            .With("SolarFleet:Grains:ReminderPeriod", "00:01:00")
            .With("SolarFleet:History:FlushInterval", "00:00:01")
            .With("SolarFleet:History:MaxRetryDelay", "00:00:05")
            .With("Logging:LogLevel:Polly", "Warning")
            // Retried every 250 ms while a dead silo is still listed; it would fill the output shown on failure.
            .With("Logging:LogLevel:Orleans.Runtime.GrainDirectory.GrainDirectoryHandoffManager", "Error")
            .With("Logging:Console:FormatterName", "simple")
            .With("Logging:Console:FormatterOptions:SingleLine", "true")
            .With("Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff ");
    }

    /// <summary>Free ports for a silo on the embedded default, and no settings: the test says how the silo learns them.</summary>
    public static SiloSettings Embedded()
    {
        var ports = DistinctFreePorts(2);
        return new SiloSettings { HttpPort = ports[0], SiloPort = ports[1] };
    }

    /// <summary>A silo on the embedded default (memory storage, a cluster of one) on its own ports, with the known admin key.</summary>
    public static SiloSettings Memory()
    {
        var settings = Embedded();
        return settings
            .With("urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.HttpPort}"))
            .With("SolarFleet:Orleans:SiloPort", settings.SiloPort.ToString(CultureInfo.InvariantCulture))
            .With("SolarFleet:ApiKeys:0:Key", AdminKey)
            .With("SolarFleet:ApiKeys:0:Role", "admin");
    }

    /// <summary>
    /// The metrics refresh reads the fleet, site and inverter grains, which alone wakes every grain again within
    /// seconds of a failover. With this it stays out of the way: polling comes back only through the grains themselves.
    /// </summary>
    public SiloSettings WithoutMetricsReads() => With("SolarFleet:Metrics:RefreshInterval", "01:00:00").With("SolarFleet:Metrics:MaxInverterSeries", "0");

    public SiloSettings With(string key, string value)
    {
        values[key] = value;
        return this;
    }

    /// <summary>Free loopback ports, held open together while they are found so that none comes back twice.</summary>
    public static int[] DistinctFreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    public IEnumerable<string> Arguments() => values.Select(v => $"--{v.Key}={v.Value}");
}

using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace SolarFleet.Silo.Telemetry;

/// <summary>
/// Views that make the exported series follow Prometheus' conventions: per-site and per-inverter streams sized for
/// the fleet, a curated set of Orleans' series with help text (the rest, in milliseconds and megabytes or without
/// help, are dropped), and .NET's non-histogram "*.count" series renamed so no name ends in "_count".
/// </summary>
public static class MetricViews
{
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string RuntimeMeter = "System.Runtime";

    // Orleans' instruments as Prometheus names them (dots and dashes to underscores), with the help they lack.
    private static readonly Dictionary<string, string> OrleansKept = new(StringComparer.Ordinal)
    {
        ["orleans_catalog_activations"] = "Grain activations on this silo, by grain type.",
        ["orleans_catalog_activation_created"] = "Grain activations created on this silo.",
        ["orleans_grains"] = "Grains on this silo, by type.",
        ["orleans_consistent_ring_size"] = "Silos in this silo's view of the cluster's consistent ring.",
        ["orleans_directory_partition_size"] = "Grain directory entries held by this silo's partition.",
        ["orleans_messaging_processing_dispatcher_received"] = "Messages received by this silo's dispatcher.",
        ["orleans_messaging_processing_dispatcher_processed"] = "Messages processed by this silo's dispatcher.",
        ["orleans_messaging_processing_dispatcher_forwarded"] = "Messages this silo's dispatcher forwarded to another silo.",
        ["orleans_reminders_active"] = "Reminders this silo holds.",
        ["orleans_watchdog_health_checks"] = "Health checks of this silo's watchdog.",
    };

    private static readonly Dictionary<string, string> RuntimeRenamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary>The Orleans series kept when SolarFleet:Metrics:Orleans is on, as Prometheus names them.</summary>
    public static IReadOnlyCollection<string> OrleansSeries => OrleansKept.Keys;

    public static MeterProviderBuilder AddSolarFleetViews(this MeterProviderBuilder builder, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // One slot more than the series, for the SDK's overflow series, which then never shows.
        var sites = new MetricStreamConfiguration { CardinalityLimit = Math.Max(1, options.MaxSiteSeries) + 1 };
        var inverters = new MetricStreamConfiguration { CardinalityLimit = Math.Max(1, options.MaxInverterSeries) + 1 };
        return builder
            .AddView(FleetMetrics.SitePowerName, sites)
            .AddView(FleetMetrics.SiteEnergyName, sites)
            .AddView(FleetMetrics.InverterPowerName, inverters)
            .AddView(FleetMetrics.InverterEnergyName, inverters)
            .AddView(instrument => Configure(instrument, options));
    }

    private static MetricStreamConfiguration? Configure(Instrument instrument, MetricsOptions options)
    {
        if (instrument.Meter.Name == OrleansMeter)
        {
            return options.Orleans && OrleansKept.TryGetValue(PrometheusBase(instrument.Name), out var help)
                ? new MetricStreamConfiguration { Description = help }
                : MetricStreamConfiguration.Drop;
        }

        if (instrument.Meter.Name == RuntimeMeter && RuntimeRenamed.TryGetValue(instrument.Name, out var name))
        {
            return new MetricStreamConfiguration { Name = name };
        }

        return null;
    }

    private static string PrometheusBase(string name) => name.Replace('-', '_').Replace('.', '_');
}

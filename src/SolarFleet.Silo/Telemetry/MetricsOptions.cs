namespace SolarFleet.Silo.Telemetry;

/// <summary>SolarFleet:Metrics — cardinality controls for the Prometheus series.</summary>
public sealed class MetricsOptions
{
    /// <summary>Per-site series (site label). On by default: one series per site per metric.</summary>
    public bool PerSite { get; set; } = true;

    /// <summary>
    /// At most this many sites (by id) get per-site series; also the cardinality limit of those series. Size it for
    /// the fleet: sites beyond it are left out, and a warning says so.
    /// </summary>
    public int MaxSiteSeries { get; set; } = 25_000;

    /// <summary>Per-inverter series are opt-in.</summary>
    public bool PerInverter { get; set; }

    /// <summary>At most this many inverters get their own series when <see cref="PerInverter"/> is on.</summary>
    public int MaxInverterSeries { get; set; } = 500;

    /// <summary>A curated set of Orleans' series (activations, messages, directory, membership ring, reminders).</summary>
    public bool Orleans { get; set; } = true;

    /// <summary>How often the fleet roll-up behind the gauges is refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

namespace SolarFleet.Silo.Telemetry;

/// <summary>SolarFleet:Metrics — cardinality controls for the Prometheus series.</summary>
public sealed class MetricsOptions
{
    /// <summary>Per-site series (site label). On by default: one series per site per metric.</summary>
    public bool PerSite { get; set; } = true;

    /// <summary>Per-inverter series are opt-in.</summary>
    public bool PerInverter { get; set; }

    /// <summary>At most this many inverters get their own series when <see cref="PerInverter"/> is on.</summary>
    public int MaxInverterSeries { get; set; } = 500;

    /// <summary>How often the fleet roll-up behind the gauges is refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}

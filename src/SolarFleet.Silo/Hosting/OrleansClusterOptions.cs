namespace SolarFleet.Silo.Hosting;

/// <summary>SolarFleet:Orleans — so several silos can share one machine or run in Kubernetes.</summary>
public sealed class OrleansClusterOptions
{
    public string ClusterId { get; set; } = "solarfleet";

    public string ServiceId { get; set; } = "solarfleet";

    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The Orleans gateway, for Orleans clients outside the silo process. SolarFleet has none (its API runs in the silo),
    /// so 0, the default, opens no gateway.
    /// </summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one on; empty means loopback (embedded) or auto-detect.</summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Mutual TLS between silos (and on a gateway, if one is opened).</summary>
    public ClusterTlsOptions Tls { get; set; } = new();
}

using SolarFleet.Silo.Auth;
using SolarFleet.Silo.Demo;
using SolarFleet.Silo.Telemetry;

namespace SolarFleet.Silo.Hosting;

/// <summary>The SolarFleet configuration section (appsettings.json, SolarFleet__... variables, command line).</summary>
public sealed class SolarFleetOptions
{
    public const string Section = "SolarFleet";

    public StorageKind Storage { get; set; } = StorageKind.Memory;

    public OrleansClusterOptions Orleans { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    public MetricsOptions Metrics { get; set; } = new();

    public ApiLimitsOptions Api { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public PollingOptions Polling { get; set; } = new();

    public AlertsOptions Alerts { get; set; } = new();
}

using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// A silo with per-inverter series on, polling a site of three simulated Pis, the last of which refuses connections
/// (so it turns unreachable after one failed poll). Ready once the site produces and its unreachable alert is open.
/// </summary>
public sealed class MonitoredSilo : IAsyncLifetime
{
    public const string SiteId = "monitored";
    public const string RefusingInverter = "refusing";

    public SolarFleetFactory Factory { get; } = new SolarFleetFactory()
        .With("SolarFleet:Grains:JitterFirstPoll", "false")
        .With("SolarFleet:Grains:UnreachableAfterFailures", "1")
        .With("SolarFleet:Metrics:PerInverter", "true");

    public PiSimulator Simulator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await RangeSimulator.StartAsync(3, DaylightSite.Simulated("monitored-sim"), TimeProvider.System);
        Simulator.Pis[2].Faults = PiFaults.Of(PiFaultModes.RefuseConnections);
        Admin = Factory.Client(SolarFleetFactory.AdminKey);
        Anonymous = Factory.Client(null);

        (await Admin.Put($"/api/sites/{SiteId}", SiloWithSimulator.SiteBody("Monitored home"))).EnsureSuccessStatusCode().Dispose();
        string[] inverters = ["west", "east", RefusingInverter];
        for (var pi = 0; pi < inverters.Length; pi++)
        {
            var endpoint = Simulator.Pis[pi].Endpoint;
            (await Admin.Put($"/api/sites/{SiteId}/inverters/{inverters[pi]}", new { host = endpoint.Host, port = endpoint.Port, pollSeconds = 5 })).EnsureSuccessStatusCode().Dispose();
        }

        await Eventually.Get(
            () => MetricsScrape.SamplesAsync(Anonymous),
            samples => samples.Any(s => s.Name == "solarfleet_inverter_power_watts" && s.Value > 0)
                && samples.Any(s => s.Name == "solarfleet_alerts_open_sites" && s.Labels.Contains("kind=\"unreachable\"", StringComparison.Ordinal) && s.Value > 0),
            TimeSpan.FromSeconds(60),
            "the site to produce and its refusing Pi's unreachable alert to open");
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

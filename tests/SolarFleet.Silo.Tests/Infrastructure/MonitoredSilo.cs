using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Tests.Peers;
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
        Simulator = await StartSimulatorAsync();
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

    // The Pis take consecutive ports above the host's ephemeral range (PiPortRange), from a random base, so that no
    // outgoing connection holds one; a base whose ports are taken is tried again elsewhere.
    private static async Task<PiSimulator> StartSimulatorAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var basePort = Random.Shared.Next(PiPortRange.First, PiEndpoint.MaxPort - 3);
            try
            {
                return await PiSimulator.StartAsync(
                    new PiSimulatorOptions { PiCount = 3, BasePort = basePort, Sites = [DaylightSite.Simulated("monitored-sim")] },
                    TimeProvider.System,
                    cancellationToken: TestContext.Current.CancellationToken);
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                // taken: another base
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

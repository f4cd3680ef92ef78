using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>A running SolarFleet host plus an in-process simulator of a few Pis at a site where it is midday.</summary>
public sealed class SiloWithSimulator : IAsyncLifetime
{
    public SolarFleetFactory Factory { get; } = new SolarFleetFactory()
        .With("SolarFleet:Grains:JitterFirstPoll", "false");

    public PiSimulator Simulator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Reader { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = 6, Sites = [DaylightSite.Simulated("test-site")] },
            TimeProvider.System,
            cancellationToken: TestContext.Current.CancellationToken);
        Admin = Factory.Client(SolarFleetFactory.AdminKey);
        Reader = Factory.Client(SolarFleetFactory.ReaderKey);
        Anonymous = Factory.Client(null);
    }

    /// <summary>A site body at the simulator's midday zone.</summary>
    public static object SiteBody(string name = "Test home")
    {
        var (zone, latitude, longitude) = DaylightSite.Now();
        return new { name, timeZone = zone, latitude, longitude };
    }

    public object InverterBody(int pi, int? pollSeconds = 5) =>
        new { host = Simulator.Pis[pi].Endpoint.Host, port = Simulator.Pis[pi].Endpoint.Port, pollSeconds };

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Reader.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

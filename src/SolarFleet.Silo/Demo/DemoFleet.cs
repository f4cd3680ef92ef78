using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Hosting;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Silo.Demo;

/// <summary>
/// Runs the demo: an in-process simulator serving the demo Pis on loopback, on the same accelerated clock as
/// the grains, and the demo fleet registered through the same grain calls the API makes.
/// </summary>
public sealed class DemoFleet(IGrainFactory grains, TimeProvider clock, IOptions<SolarFleetOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<DemoFleet>();
    private PiSimulator? _simulator;

    public PiSimulator? Simulator => _simulator;

    /// <summary>The demo clock: today at the configured morning hour at the first demo site, running faster.</summary>
    public static TimeProvider CreateClock(DemoOptions demo)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DemoFleetPlan.Sites[0].TimeZone);
        var start = AcceleratedTimeProvider.TodayAt(TimeProvider.System, zone, demo.StartLocalTime);
        return new AcceleratedTimeProvider(TimeProvider.System, demo.Speed, start);
    }

    /// <summary>With no admin key configured, the demo makes one so the API can be written to; it is shown once.</summary>
    public static string? AddGeneratedAdminKey(SolarFleetOptions options)
    {
        if (options.ApiKeys.Any(k => k.Role == Auth.ApiKeyRole.Admin))
        {
            return null;
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        options.ApiKeys.Add(new Auth.ApiKeyEntry { Key = key, Role = Auth.ApiKeyRole.Admin });
        return key;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value.Demo;
        var sites = DemoFleetPlan.Sites.Select(s => new SimulatedSite(s.Id, s.Latitude, s.Longitude, s.TimeZone)).ToArray();
        _simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { Host = "127.0.0.1", BasePort = demo.BasePort, PiCount = DemoFleetPlan.PiCount, Sites = sites },
            clock,
            loggers,
            cancellationToken);

        foreach (var (index, modes) in DemoFleetPlan.Faults)
        {
            _simulator.Pis[index].Faults = PiFaults.Of(modes);
        }

        foreach (var site in DemoFleetPlan.Sites)
        {
            await grains.GetGrain<ISiteGrain>(site.Id).Configure(new SiteSettings(site.Name, site.TimeZone, site.Latitude, site.Longitude));
        }

        foreach (var pi in _simulator.Pis)
        {
            var site = DemoFleetPlan.Sites[pi.Index % DemoFleetPlan.Sites.Count];
            await grains.GetGrain<ISiteGrain>(site.Id).UpsertInverter(
                DemoFleetPlan.InverterId(pi.Index),
                new InverterSettings(pi.Endpoint.Host, pi.Endpoint.Port));
        }

        _logger.LogInformation(
            "Demo fleet: {Sites} sites, {Pis} simulated Pis on {First}-{Last}, clock at {Now:u} running {Speed}x",
            DemoFleetPlan.Sites.Count, _simulator.Pis.Count, _simulator.Pis[0].Endpoint, _simulator.Pis[^1].Endpoint, clock.GetUtcNow(), demo.Speed);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _simulator, null) is { } simulator)
        {
            await simulator.DisposeAsync();
        }
    }
}

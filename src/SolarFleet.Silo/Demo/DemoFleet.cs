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
/// Runs the demo: an in-process simulator serving the demo Pis on loopback, on the grains' clock, and the demo fleet
/// registered through the same grain calls the API makes.
/// </summary>
public sealed class DemoFleet(IGrainFactory grains, TimeProvider clock, DemoFleetPlan plan, IOptions<SolarFleetOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<DemoFleet>();
    private PiSimulator? _simulator;

    public PiSimulator? Simulator => _simulator;

    /// <summary>
    /// The demo clock: real time, the clock a Pi started on its own keeps, unless a speed-up is asked for; then real
    /// time until now and faster from now on, which a simulator given the same speed and instant keeps too.
    /// </summary>
    public static TimeProvider CreateClock(DemoOptions demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        return demo.Speed == 1 ? TimeProvider.System : new AcceleratedTimeProvider(TimeProvider.System, demo.Speed, TimeProvider.System.GetUtcNow());
    }

    /// <summary>
    /// On real time three refused polls, backing off, take minutes; unless configured otherwise the demo calls a Pi
    /// unreachable at its first refusal, so its unreachable inverter is flagged as the dashboard first opens.
    /// </summary>
    public static void ApplyDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string UnreachableAfter = SolarFleetOptions.Section + ":Grains:UnreachableAfterFailures";
        configuration[UnreachableAfter] ??= "1";
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
        var sites = plan.Sites.Select(s => new SimulatedSite(s.Id, s.Latitude, s.Longitude, s.TimeZone)).ToArray();
        _simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { Host = "127.0.0.1", BasePort = demo.BasePort, PiCount = DemoFleetPlan.PiCount, Sites = sites },
            clock,
            loggers,
            cancellationToken);

        foreach (var (index, modes) in DemoFleetPlan.Faults)
        {
            _simulator.Pis[index].Faults = PiFaults.Of(modes);
        }

        foreach (var site in plan.Sites)
        {
            await grains.GetGrain<ISiteGrain>(site.Id).Configure(new SiteSettings(site.Name, site.TimeZone, site.Latitude, site.Longitude));
        }

        foreach (var pi in _simulator.Pis)
        {
            var site = plan.Sites[pi.Index % DemoFleetPlan.SiteCount];
            await grains.GetGrain<ISiteGrain>(site.Id).UpsertInverter(
                DemoFleetPlan.InverterId(pi.Index),
                new InverterSettings(pi.Endpoint.Host, pi.Endpoint.Port));
        }

        _logger.LogInformation(
            "Demo fleet: {Sites} sites, {Pis} simulated Pis on {First}-{Last}, clock at {Now:u} running {Speed}x",
            plan.Sites.Count, _simulator.Pis.Count, _simulator.Pis[0].Endpoint, _simulator.Pis[^1].Endpoint, clock.GetUtcNow(), demo.Speed);
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

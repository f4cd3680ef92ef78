using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// An in-process Orleans cluster running the SolarFleet grains with memory grain storage and in-memory reminders.
/// With a fake clock, only the grains' clock (their timers, day boundaries, staleness) is fake; Orleans'
/// membership, messaging and reminders keep real time.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private GrainCluster(InProcessTestCluster cluster, FakeTimeProvider? time)
    {
        Cluster = cluster;
        Time = time;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider? Time { get; }

    public IClusterClient Client => Cluster.Client;

    public IFleetGrain Fleet => Client.GetGrain<IFleetGrain>(FleetKey.Default);

    public static async Task<GrainCluster> StartAsync(
        IPiClient client,
        FakeTimeProvider? time = null,
        Action<SolarFleetGrainOptions>? options = null,
        short silos = 1,
        Action<ISiloBuilder>? silo = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, siloBuilder) =>
        {
            siloBuilder.AddMemoryGrainStorage(SolarFleetStorage.GrainStateProvider);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddSolarFleetGrains(o =>
            {
                o.JitterFirstPoll = false;
                options?.Invoke(o);
            });
            siloBuilder.Services.AddSingleton(client);
            if (time is not null)
            {
                siloBuilder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, time);
            }

            silo?.Invoke(siloBuilder);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster, time);
    }

    public ISiteGrain Site(string siteId) => Client.GetGrain<ISiteGrain>(siteId);

    public IInverterGrain Inverter(string siteId, string inverterId) => Client.GetGrain<IInverterGrain>(InverterKey.Of(siteId, inverterId));

    /// <summary>Moves the grains' clock and lets the timers that came due run.</summary>
    public void Advance(TimeSpan by) => (Time ?? throw new InvalidOperationException("This cluster runs on real time.")).Advance(by);

    /// <summary>Waits until an inverter has applied a poll made at or after <paramref name="at"/>.</summary>
    public Task<InverterSnapshot> PolledAsync(string siteId, string inverterId, DateTimeOffset at) =>
        Eventually.Value(
            async () => (await Inverter(siteId, inverterId).GetSnapshot())!,
            snapshot => snapshot?.LastPollAt >= at,
            $"{siteId}/{inverterId} applied a poll at {at:O}");

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

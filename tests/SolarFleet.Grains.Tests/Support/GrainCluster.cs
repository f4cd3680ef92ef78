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

    /// <summary>Poll limits for loopback Pis: short, so hung or silent Pis cost tests little real time.</summary>
    public static PiClientOptions TestPolls { get; } = new() { ConnectTimeout = TimeSpan.FromSeconds(1), PollTimeout = TimeSpan.FromSeconds(1) };

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider? Time { get; }

    public IClusterClient Client => Cluster.Client;

    public IFleetGrain Fleet => Client.GetGrain<IFleetGrain>(FleetKey.Default);

    /// <param name="client">A scripted client, or null for the real <see cref="PiClient"/> over TCP.</param>
    public static async Task<GrainCluster> StartAsync(
        IPiClient? client,
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
                o.PiClient = TestPolls;
                options?.Invoke(o);
            });
            if (client is not null)
            {
                siloBuilder.Services.AddSingleton(client);
            }

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

    /// <summary>
    /// Waits until the fleet's view satisfies <paramref name="condition"/>. Sites push at most once per push interval
    /// on the grains' clock, so a fake clock is moved on by that interval between looks.
    /// </summary>
    public Task<T> FleetAsync<T>(Func<IFleetGrain, Task<T>> read, Func<T, bool> condition, string because) =>
        Eventually.Value(
            async () =>
            {
                Time?.Advance(new SolarFleetGrainOptions().SitePushInterval);
                return await read(Fleet);
            },
            condition,
            because);

    /// <summary>
    /// Moves the grains' clock on in steps until the inverter's snapshot satisfies <paramref name="condition"/>
    /// (for outcomes that take several polls, such as backoff or staleness).
    /// </summary>
    public Task<InverterSnapshot> DriveUntilAsync(string siteId, string inverterId, Func<InverterSnapshot, bool> condition, TimeSpan step, string because) =>
        Eventually.Value(
            async () =>
            {
                var snapshot = await Inverter(siteId, inverterId).GetSnapshot();
                if (snapshot is null || !condition(snapshot))
                {
                    Advance(step);
                }

                return snapshot!;
            },
            snapshot => snapshot is not null && condition(snapshot),
            because,
            TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Placement;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Cluster;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>
/// A silo dies with no API call afterwards: the survivor wakes its inverters, and failing that their sites' persistent
/// reminders bring them back. Real time, short periods (Orleans' membership and reminders run on real time).
/// </summary>
/// <remarks>
/// The in-memory reminder table and memory grain storage are themselves grains living on one silo; killing that
/// silo would lose every reminder and state, which no production store does. So the test starts with one silo,
/// makes it host both (by registering the first site there), then adds a second silo, registers the rest with half
/// of the inverters placed on the second silo, and kills it: the silo that hosts inverters but neither store. The
/// test checks where the stores and the inverters live before it kills anything.
/// </remarks>
public sealed class FailoverTests
{
    private const int PollSeconds = 5;

    [Fact(Timeout = 90_000)]
    public async Task Without_the_survivors_wake_the_sites_reminders_alone_get_every_inverter_polled_again_and_never_by_two_activations()
    {
        // Reminders every 2 s, and no silo watching for lost ones: the sites' reminders are all that brings them back.
        await KillAndWatchAsync(TimeSpan.FromSeconds(2), polledAgainWithin: TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken, watchForLostSilos: false);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_survivor_wakes_the_inverters_of_a_killed_silo_long_before_their_reminders_are_due()
    {
        // The default 5-minute reminders: only the survivor's wake can bring them back within 25 s.
        await KillAndWatchAsync(new SolarFleetGrainOptions().ReminderPeriod, polledAgainWithin: TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);
    }

    private static async Task KillAndWatchAsync(TimeSpan reminderPeriod, TimeSpan polledAgainWithin, CancellationToken ct, bool watchForLostSilos = true)
    {
        await using var simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = 12, Sites = [Simulated.PaloAlto, Simulated.Berlin, Simulated.Tokyo], Seed = 5 },
            TimeProvider.System,
            cancellationToken: ct);
        await using var cluster = await GrainCluster.StartAsync(
            client: null,
            options: o =>
            {
                o.JitterFirstPoll = true;
                o.ReminderPeriod = reminderPeriod;
            },
            silo: silo =>
            {
                if (!watchForLostSilos)
                {
                    foreach (var watcher in silo.Services.Where(d => d.ImplementationType == typeof(SiloLossWatcher)).ToList())
                    {
                        silo.Services.Remove(watcher);
                    }
                }

                silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
                silo.Services.Configure<MemoryGrainStorageOptions>(SolarFleetStorage.GrainStateProvider, o => o.NumStorageGrains = 1);
                silo.Services.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                });
            });
        var first = simulator.Pis[0];
        await Simulated.RegisterAsync(cluster, [first], PollSeconds);
        var survivor = cluster.Cluster.Silos[0];
        var victim = await cluster.Cluster.StartAdditionalSiloAsync();
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();

        // Placement would otherwise follow the caller, so a placement hint puts every other inverter on each silo.
        foreach (var pi in simulator.Pis.Skip(1))
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, pi.Index % 2 == 1 ? victim.SiloAddress : survivor.SiloAddress);
            await Simulated.RegisterAsync(cluster, [pi], PollSeconds);
        }

        RequestContext.Clear();

        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var stores = (await management.GetDetailedGrainStatistics(null, null, ct))
            .Where(g => g.GrainType.Contains("ReminderTableGrain", StringComparison.Ordinal) || g.GrainType.Contains("MemoryStorageGrain", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, stores.Count);
        Assert.All(stores, store => Assert.Equal(survivor.SiloAddress, store.SiloAddress));
        var homes = new Dictionary<SimulatedPi, SiloAddress?>();
        foreach (var pi in simulator.Pis)
        {
            homes[pi] = await management.GetActivationAddress(cluster.Inverter(pi.Site.Name, Simulated.InverterId(pi)), ct);
        }

        var onVictim = homes.Where(pair => victim.SiloAddress.Equals(pair.Value)).Select(pair => pair.Key).ToList();
        Assert.Equal(simulator.Pis.Where(pi => pi.Index % 2 == 1), onVictim);
        await Eventually.True(() => simulator.Pis.All(pi => pi.ConnectionsAccepted >= 1), "every Pi was polled once", TimeSpan.FromSeconds(15));

        var killedAt = DateTimeOffset.UtcNow;
        await cluster.Cluster.KillSiloAsync(victim, ct);
        var polledBeforeKill = simulator.Pis.ToDictionary(pi => pi, pi => pi.ConnectionsAccepted);

        // No grain call from here on until every Pi was polled twice more by whatever activation took over.
        await Eventually.True(
            () => simulator.Pis.All(pi => pi.ConnectionsAccepted >= polledBeforeKill[pi] + 2),
            $"every Pi was polled again after the kill ({onVictim.Count} of {simulator.Pis.Count} inverters were on the killed silo)",
            polledAgainWithin);

        Assert.All(simulator.Pis, pi => Assert.Equal(1, pi.MaxConcurrentConnections));
        foreach (var pi in onVictim)
        {
            Assert.Equal(survivor.SiloAddress, await management.GetActivationAddress(cluster.Inverter(pi.Site.Name, Simulated.InverterId(pi)), ct));
            var snapshot = (await cluster.Inverter(pi.Site.Name, Simulated.InverterId(pi)).GetSnapshot())!;
            Assert.True(snapshot.LastSuccessAt > killedAt, $"{pi} was last polled at {snapshot.LastSuccessAt:O}, before the kill.");
            Assert.DoesNotContain(snapshot.Health, new[] { InverterHealth.Pending, InverterHealth.Unreachable });
        }
    }
}


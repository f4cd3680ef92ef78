using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>The grains against simulated Pis over real loopback TCP, with the simulator and the grains on one fake clock.</summary>
public sealed class SimulatedFleetTests
{
    [Fact]
    public async Task Site_and_fleet_totals_equal_the_simulators_truth_after_a_poll_cycle()
    {
        // 14:00 UTC on midsummer day: 07:00 in Palo Alto, 16:00 in Berlin; both arrays are producing.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 14, 0, 0, TimeSpan.Zero));
        await using var simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = 6, Sites = [Simulated.PaloAlto, Simulated.Berlin], Seed = 7 },
            time,
            cancellationToken: TestContext.Current.CancellationToken);
        await using var cluster = await GrainCluster.StartAsync(client: null, time);

        await Simulated.RegisterAsync(cluster, simulator);
        var polledAt = time.GetUtcNow();
        await Simulated.PolledAsync(cluster, simulator, polledAt);

        // The truth at the poll, before the clock moves on: the energy each inverter really produced on its site's
        // local date, and the power its Pi reports.
        var truth = simulator.Pis
            .GroupBy(pi => pi.Site)
            .ToDictionary(
                site => site.Key.Name,
                site => (Energy: site.Sum(pi => pi.EnergyOn(Simulated.LocalDate(pi.Site, polledAt))), Power: site.Sum(pi => (long)pi.Reading.PowerNowW)));
        Assert.All(truth.Values, t => Assert.True(t.Energy > 0 && t.Power > 0, "Both sites must be producing for this test to mean anything."));
        var reading = simulator.Pis[1].Reading;
        var snapshot = (await cluster.Inverter("berlin", "pi-1").GetSnapshot())!;
        Assert.Equal(InverterHealth.Online, snapshot.Health);
        Assert.Equal(reading.TimeStampLocal, snapshot.Timestamp);
        Assert.Equal(reading.GridVoltageV, snapshot.GridVoltageV);
        Assert.Equal(reading.LifetimeWh / 1000.0, snapshot.LifetimeEnergyKwh!.Value, 3);

        foreach (var (siteId, expected) in truth)
        {
            var site = (await cluster.Site(siteId).GetSnapshot())!.Summary;
            Assert.Equal((expected.Energy, expected.Power, 3), (site.EnergyTodayWh, site.PowerW, site.Health.Online));
        }

        time.Advance(new Grains.Hosting.SolarFleetGrainOptions().SitePushInterval);
        var fleet = await Eventually.Value(
            () => cluster.Fleet.SummaryAsync(),
            f => f.Health.Online == 6,
            "both sites pushed their reports");
        Assert.Equal(truth.Values.Sum(t => t.Energy), fleet.EnergyTodayWh);
        Assert.Equal(truth.Values.Sum(t => t.Power), fleet.PowerW);
        Assert.Equal((2, 6, 0), (fleet.Sites, fleet.Inverters, fleet.SitesWithProblems));
        Assert.All(simulator.Pis, pi => Assert.Equal(1, pi.MaxConcurrentConnections));
    }
}

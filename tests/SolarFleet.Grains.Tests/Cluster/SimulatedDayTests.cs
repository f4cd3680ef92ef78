using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>Whole simulated days over loopback TCP, with the simulator and the grains on one fake clock.</summary>
public sealed class SimulatedDayTests
{
    private static readonly DateOnly Midsummer = new(2026, 6, 21);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_full_day_gives_the_right_health_at_each_phase_and_the_right_daily_energy()
    {
        var site = Simulated.PaloAlto;
        var midnight = site.Instant(Midsummer.ToDateTime(TimeOnly.MinValue));
        var time = new FakeTimeProvider(midnight);
        await using var simulator = await StartSimulatorAsync(time, site);
        await using var cluster = await GrainCluster.StartAsync(client: null, time);
        var pi = simulator.Pis[0];
        var sun = site.SunTimesOn(Midsummer);
        var sunrise = sun.Sunrise!.Value;
        var sunset = sun.Sunset!.Value;

        await Simulated.RegisterAsync(cluster, simulator, pollSeconds: 300);
        await Simulated.PolledAsync(cluster, simulator, midnight);
        var seen = new List<(DateTimeOffset At, InverterHealth Health, int PowerW)>();
        await Simulated.DriveAsync(cluster, simulator, FiveMinutes, midnight.AddDays(1), async at =>
        {
            var snapshot = (await cluster.Inverter(site.Name, "pi-0").GetSnapshot())!;
            seen.Add((at, snapshot.Health, snapshot.PowerW));
        });

        // Night before dawn: yesterday's values. Day (from the first updates after sunrise): online. Dusk: the
        // TimeStamp stops at sunset with status 3, so once it is older than StaleAfter the inverter is asleep.
        var staleAfter = new SolarFleetGrainOptions().StaleAfter;
        Assert.All(seen.Where(s => s.At < sunrise), s => Assert.Equal((InverterHealth.Asleep, 0), (s.Health, s.PowerW)));
        Assert.All(seen.Where(s => s.At >= sunrise.AddMinutes(1) && s.At <= sunset), s => Assert.Equal(InverterHealth.Online, s.Health));
        Assert.All(seen.Where(s => s.At >= sunset + staleAfter + TimeSpan.FromSeconds(23)), s => Assert.Equal((InverterHealth.Asleep, 0), (s.Health, s.PowerW)));
        Assert.Contains(seen, s => s.PowerW > 2000);
        Assert.DoesNotContain(seen, s => s.Health is InverterHealth.Stale or InverterHealth.Unreachable or InverterHealth.Fault);

        // The day is over: its row holds the day's true energy, every five-minute slot was polled, and it is complete.
        var row = Assert.Single(await cluster.Inverter(site.Name, "pi-0").GetHeldLedger(Midsummer, Midsummer));
        Assert.Equal(pi.EnergyOn(Midsummer), row.EnergyWh);
        Assert.True(row.EnergyWh > 10_000, $"A clear midsummer day should give well over 10 kWh (got {row.EnergyWh} Wh).");
        Assert.Equal(1.0, row.Coverage);
        Assert.True(row.Complete);
        Assert.Equal(0, row.Anomalies);
        Assert.Equal(pi.LifetimeWh / 1000.0, row.LifetimeEndKwh!.Value, 3);
    }

    [Fact]
    public async Task A_mid_day_inverter_restart_loses_no_energy()
    {
        var site = Simulated.PaloAlto;
        var morning = site.Instant(Midsummer.ToDateTime(new TimeOnly(10, 0)));
        var time = new FakeTimeProvider(morning);
        await using var simulator = await StartSimulatorAsync(time, site);
        await using var cluster = await GrainCluster.StartAsync(client: null, time);
        var pi = simulator.Pis[0];
        await Simulated.RegisterAsync(cluster, simulator, pollSeconds: 60);
        await Simulated.PolledAsync(cluster, simulator, morning);

        await Simulated.DriveAsync(cluster, simulator, TimeSpan.FromMinutes(1), morning.AddHours(3));
        var beforeRestart = pi.EnergyTodayWh;
        Assert.True(pi.RestartInverter());
        await Simulated.DriveAsync(cluster, simulator, TimeSpan.FromMinutes(1), site.Instant(Midsummer.ToDateTime(new TimeOnly(21, 30))));

        var snapshot = (await cluster.Inverter(site.Name, "pi-0").GetSnapshot())!;
        Assert.True(beforeRestart > 5000, "The restart must throw away a real amount of energy for this test to mean anything.");
        Assert.Equal(pi.EnergyOn(Midsummer), snapshot.EnergyTodayWh);
        Assert.Equal(beforeRestart + pi.EnergyTodayWh, snapshot.EnergyTodayWh);
        var row = Assert.Single(await cluster.Inverter(site.Name, "pi-0").GetHeldLedger(Midsummer, Midsummer));
        Assert.Equal(snapshot.EnergyTodayWh, row.EnergyWh);
        Assert.False(row.Complete);
    }

    [Fact]
    public async Task Sites_in_two_time_zones_roll_over_at_their_own_midnights()
    {
        var tokyo = Simulated.Tokyo;
        var newYork = Simulated.NewYork;

        // 23:30 in Tokyo and 10:30 in New York, both on the 21st.
        var start = new DateTimeOffset(2026, 6, 21, 14, 30, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var simulator = await StartSimulatorAsync(time, tokyo, newYork);
        await using var cluster = await GrainCluster.StartAsync(client: null, time);
        await Simulated.RegisterAsync(cluster, simulator, pollSeconds: 300);
        await Simulated.PolledAsync(cluster, simulator, start);
        var tokyoPi = simulator.Pis[0];
        var newYorkPi = simulator.Pis[1];

        // 00:10 on the 22nd in Tokyo, still 11:10 on the 21st in New York.
        await Simulated.DriveAsync(cluster, simulator, FiveMinutes, start.AddMinutes(40));
        var newYorkToday = newYorkPi.EnergyOn(Midsummer);
        await AssertSiteAsync(cluster, tokyo, Midsummer.AddDays(1), 0);
        await AssertSiteAsync(cluster, newYork, Midsummer, newYorkToday);
        await AssertFleetTodayAsync(cluster, newYorkToday);
        var tokyoRow = Assert.Single(await cluster.Inverter(tokyo.Name, "pi-0").GetHeldLedger(Midsummer, Midsummer));
        Assert.Equal(tokyoPi.EnergyOn(Midsummer), tokyoRow.EnergyWh);

        // 13:10 on the 22nd in Tokyo, 00:10 on the 22nd in New York.
        await Simulated.DriveAsync(cluster, simulator, FiveMinutes, start.AddHours(13).AddMinutes(40));
        var tokyoToday = tokyoPi.EnergyOn(Midsummer.AddDays(1));
        Assert.True(tokyoToday > 0);
        await AssertSiteAsync(cluster, tokyo, Midsummer.AddDays(1), tokyoToday);
        await AssertSiteAsync(cluster, newYork, Midsummer.AddDays(1), 0);
        await AssertFleetTodayAsync(cluster, tokyoToday);
        var newYorkRow = Assert.Single(await cluster.Inverter(newYork.Name, "pi-1").GetHeldLedger(Midsummer, Midsummer));
        Assert.Equal(newYorkPi.EnergyOn(Midsummer), newYorkRow.EnergyWh);
    }

    private static Task<PiSimulator> StartSimulatorAsync(FakeTimeProvider time, params SimulatedSite[] sites) =>
        PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = sites.Length, Sites = sites, Seed = 11, IdleTimeout = TimeSpan.FromHours(1) },
            time,
            cancellationToken: TestContext.Current.CancellationToken);

    private static async Task AssertSiteAsync(GrainCluster cluster, SimulatedSite site, DateOnly localDate, long energyTodayWh)
    {
        var summary = (await cluster.Site(site.Name).GetSnapshot())!.Summary;
        Assert.Equal((site.Name, localDate, energyTodayWh), (summary.SiteId, summary.LocalDate, summary.EnergyTodayWh));
    }

    private static async Task AssertFleetTodayAsync(GrainCluster cluster, long energyTodayWh)
    {
        // Sites push at most once per interval: let the last one out, then the fleet must agree.
        cluster.Advance(new SolarFleetGrainOptions().SitePushInterval);
        await Eventually.Value(
            () => cluster.Fleet.SummaryAsync(),
            fleet => fleet.EnergyTodayWh == energyTodayWh,
            $"the fleet's energy today is {energyTodayWh} Wh");
        Assert.Equal(energyTodayWh, (await cluster.Fleet.SiteSummariesAsync()).Sum(s => s.EnergyTodayWh));
    }
}

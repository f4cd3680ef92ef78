using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>One cluster and one simulator (a Pi per fault mode) on a shared fake clock, at noon in Palo Alto.</summary>
public sealed class FaultModeFixture : IAsyncLifetime
{
    public static readonly PiFaultModes[] Modes = Enum.GetValues<PiFaultModes>().Where(mode => mode != PiFaultModes.None).ToArray();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 21, 19, 0, 0, TimeSpan.Zero));

    public PiSimulator Simulator { get; private set; } = null!;

    public GrainCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // The fake clock races ahead while tests wait; a long idle timeout keeps the simulator from hanging up on a waiting poll.
        Simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { PiCount = Modes.Length, Seed = 3, IdleTimeout = TimeSpan.FromHours(1) }, Time);
        Cluster = await GrainCluster.StartAsync(client: null, Time);
        var site = Simulated.PaloAlto;
        await Cluster.Site(site.Name).Configure(new SiteSettings(site.Name, site.TimeZoneId));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    public SimulatedPi PiFor(PiFaultModes mode) => Simulator.Pis[Array.IndexOf(Modes, mode)];

    /// <summary>Each case starts at the next local noon, so it runs in daylight whatever the cases before it did.</summary>
    public void MoveToNextNoon()
    {
        var site = Simulated.PaloAlto;
        var local = site.LocalTime(Time.GetUtcNow());
        var noon = local.Date.AddHours(12);
        Time.SetUtcNow(site.Instant(noon > local ? noon : noon.AddDays(1)));
    }
}

public sealed class FaultModeTests(FaultModeFixture fixture) : IClassFixture<FaultModeFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(23);

    public static TheoryData<PiFaultModes, InverterHealth, string?> Cases => new()
    {
        { PiFaultModes.RefuseConnections, InverterHealth.Unreachable, "refused: " },
        { PiFaultModes.Hang, InverterHealth.Unreachable, "timeout: " },
        { PiFaultModes.Garbage, InverterHealth.Unreachable, "protocol_error: " },
        { PiFaultModes.Flood, InverterHealth.Unreachable, "protocol_error: " },
        { PiFaultModes.ResetMidAnswer, InverterHealth.Unreachable, "connection_lost: " },
        { PiFaultModes.FaultStatus, InverterHealth.Fault, null },
        { PiFaultModes.StaleTimeStamp, InverterHealth.Stale, null },
        { PiFaultModes.SlowAnswers, InverterHealth.Online, null },
        { PiFaultModes.SplitBytes, InverterHealth.Online, null },
        { PiFaultModes.NoTerminator, InverterHealth.Online, null },
        { PiFaultModes.CrLf, InverterHealth.Online, null },
        { PiFaultModes.InvalidQueries, InverterHealth.Online, null },
        { PiFaultModes.SingleClient, InverterHealth.Online, null },
    };

    /// <summary>
    /// Faults of the inverter rather than of the Pi's link: their subject is the alerts they raise, measured by the
    /// detection benchmark (tests/SolarFleet.Benchmarks.Tests/DetectionBenchmarkTests) and in the simulator's own tests.
    /// </summary>
    private static readonly PiFaultModes[] AlertModes =
    [
        PiFaultModes.Dark, PiFaultModes.Derated, PiFaultModes.Shading, PiFaultModes.ClockOff, PiFaultModes.GridOutOfRange, PiFaultModes.PowerTotalBackwards,
    ];

    [Fact]
    public void Every_fault_mode_of_the_simulator_has_a_case() =>
        Assert.Equal(FaultModeFixture.Modes.Order(), Cases.Select(row => row.Data.Item1).Concat(AlertModes).Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_fault_mode_gives_the_right_health_and_error_and_the_inverter_recovers_when_it_clears(
        PiFaultModes mode,
        InverterHealth expected,
        string? errorPrefix)
    {
        var pi = fixture.PiFor(mode);
        var site = pi.Site.Name;
        var inverterId = Simulated.InverterId(pi);
        fixture.MoveToNextNoon();
        pi.Faults = PiFaults.Of(mode);
        try
        {
            await fixture.Cluster.Site(site).UpsertInverter(inverterId, Simulated.Settings(pi));

            // A slow Pi waits on the shared fake clock between answers, so the clock must move while its poll is out.
            var slow = mode == PiFaultModes.SlowAnswers;
            var faulty = await fixture.Cluster.DriveUntilAsync(
                site,
                inverterId,
                // On fake time a failed poll can share its instant with the last good one, so "last poll was good" also needs
                // no failure since: a single-client Pi may still count the previous connection as open for a moment.
                s => s.Health == expected && (errorPrefix is not null || (s.LastPollAt == s.LastSuccessAt && s.ConsecutiveFailures == 0)),
                slow ? TimeSpan.FromSeconds(1) : Step,
                $"{mode} gives {expected}",
                slow ? TimeSpan.FromMilliseconds(20) : null);

            if (errorPrefix is not null)
            {
                Assert.StartsWith(errorPrefix, faulty.LastError, StringComparison.Ordinal);
                Assert.True(faulty.ConsecutiveFailures >= 3);
                Assert.Equal(0, faulty.PowerW);
                var problem = Assert.Single(await fixture.Cluster.Site(site).GetProblems(), p => p.InverterId == inverterId);
                Assert.Equal(faulty.LastError, problem.Detail);
            }
            else
            {
                Assert.InRange(faulty.GridVoltageV!.Value, 200, 260);
                Assert.True(faulty.EnergyTodayWh > 0);
            }

            if (mode == PiFaultModes.FaultStatus)
            {
                Assert.Equal(12, faulty.StatusCode);
                Assert.Equal("Fault (code 12)", faulty.StatusText);
            }

            if (mode == PiFaultModes.InvalidQueries)
            {
                Assert.Equal(["UpTime"], faulty.Unsupported);
                Assert.Null(faulty.UptimeSeconds);
            }

            if (expected is InverterHealth.Stale or InverterHealth.Fault)
            {
                Assert.Equal(0, expected == InverterHealth.Stale ? faulty.PowerW : 0);
                Assert.Contains(await fixture.Cluster.Site(site).GetProblems(), p => p.InverterId == inverterId && p.Health == expected);
            }

            pi.Faults = PiFaults.None;
            var recovered = await fixture.Cluster.DriveUntilAsync(
                site,
                inverterId,
                s => s.Health == InverterHealth.Online && s.LastPollAt == s.LastSuccessAt && s.ConsecutiveFailures == 0,
                Step,
                $"the inverter recovers from {mode}");
            Assert.True(recovered.PowerW > 0);
            Assert.DoesNotContain(await fixture.Cluster.Site(site).GetProblems(), p => p.InverterId == inverterId);
        }
        finally
        {
            pi.Faults = PiFaults.None;
            await fixture.Cluster.Site(site).RemoveInverter(inverterId);
        }
    }
}

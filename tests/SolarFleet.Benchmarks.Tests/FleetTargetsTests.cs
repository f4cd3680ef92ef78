using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Tests;

/// <summary>How a run's figures are judged against the fleet-scale targets.</summary>
public sealed class FleetTargetsTests
{
    [Fact]
    public void A_run_within_every_target_misses_none()
    {
        Assert.Empty(FleetTargets.Missed(Report(new SiloReport { AllPolledSeconds = 44.6, Completion = 0.9996, OnTime = 0.9995, LatencyP99Ms = 47, PeakRssMiB = 1312 })));
    }

    [Fact]
    public void Each_missed_target_is_named_with_its_figure()
    {
        var missed = FleetTargets.Missed(Report(new SiloReport { AllPolledSeconds = 115.7, Completion = 0.9908, OnTime = 0.9995, LatencyP99Ms = 150.6, PeakRssMiB = 3500 }));

        Assert.Equal(4, missed.Count);
        Assert.Contains(missed, line => line.Contains("115.7 s", StringComparison.Ordinal));
        Assert.Contains(missed, line => line.Contains("150.6 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Healthy_polls_that_complete_but_wait_for_a_slot_miss_the_on_time_target()
    {
        // Every poll of the healthy inverters came, but many began seconds after falling due (hung Pis held the slots).
        var late = new SiloReport { AllPolledSeconds = 44.6, PollsExpected = 40_000, PollsOk = 40_000, Completion = 1, PollsOnTime = 31_000, OnTime = 0.775, LatencyP99Ms = 3, PeakRssMiB = 400 };

        var missed = Assert.Single(FleetTargets.Missed(Report(late)));
        Assert.Equal("healthy polls on time (within 1 s) 77.50 % (± 0.00 %) < 99.9 % (31000 of 40000 polls)", missed);
    }

    [Fact]
    public void A_history_backlog_that_rises_and_falls_keeps_up_even_when_the_window_ends_high()
    {
        // 100,000 inverters every 23 s: 10 s of polls is 43,478 rows.
        var sawtooth = new SiloReport
        {
            AllPolledSeconds = 41.5, Completion = 0.9997, OnTime = 0.9997, LatencyP99Ms = 42, PeakRssMiB = 1279,
            HistoryBacklogSamples = [40772, 27381, 13829, 46603, 32965, 17753, 3201, 37179, 22634, 44752], HistoryDropped = 0,
        };
        var growing = sawtooth with { HistoryBacklogSamples = [20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000] };

        Assert.Empty(FleetTargets.Missed(Report(sawtooth)));
        Assert.Equal(["history backlog never below 60000 rows in the second half of the window (> 43478, 10 s of polls)"], FleetTargets.Missed(Report(growing)));
        Assert.Single(FleetTargets.Missed(Report(sawtooth with { HistoryDropped = 12 })));
    }

    [Fact]
    public void Slow_or_failed_reads_and_a_late_paint_miss_their_targets_beside_the_polling_ones()
    {
        var good = Report(new SiloReport { AllPolledSeconds = 44.6, Completion = 0.9996, OnTime = 0.9995, LatencyP99Ms = 47, PeakRssMiB = 1312 });
        var reads = new ReadsReport(200, 92, 10, new ReadFigures("all", 18_400, 0, 0, 12, 150, 420, 200, 9000), [], null);
        PageVisit Visit(double? lcp) => new("/sites", Cold: true, 180, lcp, 60, 150, 160, 5200, 17_000, ["/sites", "/dashboard/site.css?v=1"], []);

        Assert.Empty(FleetTargets.Missed(good with { Reads = reads, Browser = new BrowserReport("Chromium", "lcp", [Visit(420)]) }));
        var missed = FleetTargets.Missed(good with
        {
            Reads = reads with { Overall = reads.Overall with { P99Ms = 260.4, Errors = 3, Timeouts = 1 }, FirstError = "/sites?p=7 answered 500" },
            Browser = new BrowserReport("Chromium", "lcp", [Visit(1250), Visit(null) with { FirstContentfulPaintMs = null }]),
        });

        Assert.Equal(
            [
                "read latency p99 260.4 ms >= 200 ms (18400 reads at 200/s)",
                "3 of 18400 reads failed (1 timeouts); first: /sites?p=7 answered 500",
                "/sites (cold) painted at 1250 ms (>= 1000 ms)",
                "/sites (cold): no paint measured",
            ],
            missed);
    }

    private static FleetReport Report(SiloReport silo) => new()
    {
        Date = "2026-11-24 00:00 UTC",
        Machine = "test",
        Command = "fleet --inverters 100000",
        Inverters = 100_000,
        Sites = 10_000,
        PeriodSeconds = 23,
        Storage = "postgres",
        SimulatorProcesses = 7,
        Floor = new FloorReport(46, 200_000, 200_000, 0, 20, 0.1, 0.8, 11, 79, null),
        Silo = silo,
        CpuRatioToFloor = 1.4,
        TargetsMissed = [],
    };
}

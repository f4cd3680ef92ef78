using System.Globalization;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>The fleet-scale targets, checked against a run's figures.</summary>
public static class FleetTargets
{
    public const double MinCompletion = 0.999;

    /// <summary>Share of the healthy inverters' polls that must succeed on time.</summary>
    public const double MinOnTime = 0.999;

    /// <summary>A poll is on time when it begins to connect at most this long after falling due (a bucket bound of the lateness histogram).</summary>
    public const double OnTimeSeconds = 1;
    public const double MaxLatencyP99Ms = 100;
    public const double MaxPeakRssMiB = 3 * 1024;
    public const double MaxFirstPollSeconds = 60;
    public const double MaxCpuRatio = 2;

    /// <summary>
    /// A history backlog that never falls below this many seconds of polls in the second half of the window does not
    /// keep up. The writer flushes in batches, so the backlog rises and falls; its low points show whether it drains.
    /// </summary>
    public const double MaxBacklogSecondsOfPolls = 10;

    /// <summary>Reads while the fleet polls (issue 15): p99 from each request's scheduled start, over every kind.</summary>
    public const double MaxReadP99Ms = 200;

    /// <summary>A dashboard page is usable (issue 13) when its largest contentful paint comes within this, every visit.</summary>
    public const double MaxPaintMs = 1000;

    /// <summary>One line per missed target, with the figure; empty when all are met.</summary>
    public static IReadOnlyList<string> Missed(FleetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var silo = report.Silo;
        var missed = new List<string>();
        Check(silo.Completion + silo.CompletionUncertainty >= MinCompletion, $"completion {silo.Completion:P2} (± {silo.CompletionUncertainty:P2}) < {MinCompletion:P1} ({silo.PollsOk} of {silo.PollsExpected} polls)");
        Check(silo.OnTime + silo.CompletionUncertainty >= MinOnTime, $"healthy polls on time (within {OnTimeSeconds} s) {silo.OnTime:P2} (± {silo.CompletionUncertainty:P2}) < {MinOnTime:P1} ({silo.PollsOnTime} of {silo.PollsExpected} polls)");
        Check(silo.LatencyP99Ms < MaxLatencyP99Ms, $"poll latency p99 {silo.LatencyP99Ms:0.0} ms >= {MaxLatencyP99Ms} ms");
        Check(silo.PeakRssMiB < MaxPeakRssMiB, $"peak RSS {silo.PeakRssMiB:0} MiB >= {MaxPeakRssMiB} MiB");
        Check(silo.AllPolledSeconds is <= MaxFirstPollSeconds, $"first poll of every inverter took {(silo.AllPolledSeconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "longer than the timeout")} (> {MaxFirstPollSeconds} s)");
        Check(report.CpuRatioToFloor <= MaxCpuRatio, $"CPU per poll {report.CpuRatioToFloor:0.00}x the floor's (> {MaxCpuRatio}x)");
        if (silo.HistoryBacklogSamples is { Count: > 0 } samples)
        {
            var limit = MaxBacklogSecondsOfPolls * report.Inverters / report.PeriodSeconds;
            var lowest = samples.Skip(samples.Count / 2).Min();
            Check(lowest <= limit, $"history backlog never below {lowest:0} rows in the second half of the window (> {limit:0}, {MaxBacklogSecondsOfPolls} s of polls)");
            Check(silo.HistoryDropped is not > 0, $"{silo.HistoryDropped} history rows dropped");
        }

        if (report.Reads is { } reads)
        {
            var all = reads.Overall;
            Check(all.P99Ms < MaxReadP99Ms, $"read latency p99 {all.P99Ms:0.0} ms >= {MaxReadP99Ms} ms ({all.Count} reads at {reads.RequestedPerSecond}/s)");
            Check(all.Errors == 0, $"{all.Errors} of {all.Count} reads failed ({all.Timeouts} timeouts); first: {reads.FirstError}");
        }

        foreach (var visit in report.Browser?.Visits ?? [])
        {
            Check(visit.PaintMs < MaxPaintMs, visit.PaintMs is { } ms
                ? (FormattableString)$"{visit.Path} ({(visit.Cold ? "cold" : "warm")}) painted at {ms:0} ms (>= {MaxPaintMs} ms)"
                : $"{visit.Path} ({(visit.Cold ? "cold" : "warm")}): no paint measured");
        }

        return missed;

        // Figures read the same on every machine, whatever its locale.
        void Check(bool met, FormattableString otherwise)
        {
            if (!met)
            {
                missed.Add(FormattableString.Invariant(otherwise));
            }
        }
    }
}

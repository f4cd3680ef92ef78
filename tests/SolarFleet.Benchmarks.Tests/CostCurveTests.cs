using System.Xml.Linq;
using SolarFleet.Benchmarks.Curve;
using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Tests;

/// <summary>The cost curve: its options, its targets and its plot from plain figures, then two small fleets for real.</summary>
public sealed class CostCurveTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Sizes_are_run_smallest_first_and_every_fleet_option_is_checked_before_the_first_run()
    {
        var parsed = CurveArguments.Parse(["--sizes", "10000,1000", "--period", "10", "--storage", "postgres"]);

        Assert.Equal([1000, 10000], parsed.Sizes);
        Assert.True(parsed.ForSize(1000, "/tmp/x").Postgres);
        Assert.Equal(10, parsed.ForSize(1000, "/tmp/x").PeriodSeconds);
        Assert.Contains("--storage", Assert.Throws<ArgumentException>(() => CurveArguments.Parse(["--storage", "disk"])).Message, StringComparison.Ordinal);
        Assert.Contains("--sizes", Assert.Throws<ArgumentException>(() => CurveArguments.Parse(["--inverters", "5"])).Message, StringComparison.Ordinal);
        Assert.Contains("two", Assert.Throws<ArgumentException>(() => CurveArguments.Parse(["--sizes", "1000"])).Message, StringComparison.Ordinal);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => CurveArguments.Parse(["--sizes", "1000,-5"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_above_ten_kilobytes_per_inverter_at_a_hundred_thousand_and_a_rising_cpu_per_poll_are_targets_missed()
    {
        var report = Report(Point(1_000, cpu: 0.30, rssMiB: 150), Point(10_000, cpu: 0.20, rssMiB: 300), Point(100_000, cpu: 0.25, rssMiB: 1_300));

        var missed = CurveTargets.Missed(report);

        Assert.Equal(2, missed.Count);
        Assert.Contains(missed, m => m.StartsWith("100,000 inverters: peak RSS 1300 MiB is 13.3 KB per inverter", StringComparison.Ordinal));
        Assert.Contains(missed, m => m.StartsWith("100,000 inverters: CPU per poll 0.250 ms rose from 0.200 ms at 10,000", StringComparison.Ordinal));
        Assert.Empty(CurveTargets.Missed(Report(Point(1_000, 0.3, 150), Point(100_000, 0.32, 900))));
        Assert.Equal(17.1, report.MarginalKbPerInverter[0], 1);
    }

    [Fact]
    public void The_plot_draws_four_panels_with_a_dot_per_size_and_series_and_the_memory_target()
    {
        var report = Report(Point(1_000, 0.30, 150), Point(10_000, 0.20, 300), Point(100_000, 0.15, 1_000));

        var svg = XDocument.Parse(CurvePlot.Svg(report));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Equal(4, svg.Descendants(Svg + "rect").Count(r => r.Attribute("fill")?.Value == "none"));
        // Two series in three panels, one in the last: seven dots per size.
        Assert.Equal(7 * 3, svg.Descendants(Svg + "circle").Count());
        Assert.Contains("target 10 KB from 100k", texts);
        Assert.Contains("10.2", texts);
        var table = CurveTable.Markdown(report);
        Assert.Contains("| inverters | 1,000 | 10,000 | 100,000 |", table, StringComparison.Ordinal);
        Assert.Contains("1,000 MiB (10.2 KB)", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_small_fleets_give_a_curve_with_a_plot_and_a_resumed_curve_reads_them_back_without_running_again()
    {
        var output = Directory.CreateTempSubdirectory("solarfleet-curve-").FullName;
        var svg = Path.Combine(output, "curve.svg");
        var arguments = CurveArguments.Parse(
            ["--sizes", "20,60", "--period", "5", "--duration", "5", "--floor-duration", "5", "--settle", "5", "--first-poll-timeout", "60", "--out", output, "--svg", svg]);
        using var log = new StringWriter();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(4));

        var report = await CurveCommand.MeasureAsync(arguments, "curve (test)", log, deadline.Token);
        var context = $"{CurveCommand.ToJson(report)}\n{log}\nlogs: {output}";

        Assert.True(report.Failed.Count == 0, context);
        Assert.Equal([20, 60], report.Points.Select(p => p.Inverters));
        Assert.True(report.Points.All(p => p.SiloCpuMsPerPoll > 0 && p.FloorCpuMsPerPoll > 0 && p.PeakRssMiB > 0 && p.RssAtEndMiB > 0 && p.AllPolledSeconds is not null), context);
        Assert.Equal(2 * 7, XDocument.Load(svg).Descendants(Svg + "circle").Count());
        Assert.True(File.Exists(Path.Combine(output, "curve.json")), context);

        using var quiet = new StringWriter();
        var resumed = await CurveCommand.MeasureAsync(arguments with { Resume = true }, "curve (resumed)", quiet, deadline.Token);

        Assert.Equal(report.Points, resumed.Points, (a, b) => a.Inverters == b.Inverters && a.PeakRssMiB.Equals(b.PeakRssMiB) && a.SiloCpuMsPerPoll.Equals(b.SiloCpuMsPerPoll));
        Assert.DoesNotContain("registering", quiet.ToString(), StringComparison.Ordinal);
        Directory.Delete(output, recursive: true);
    }

    private static CurveReport Report(params CurvePoint[] points)
    {
        var report = new CurveReport { Date = "2026-12-01", Machine = "test", Command = "curve", Points = points };
        return report with { TargetsMissed = CurveTargets.Missed(report) };
    }

    private static CurvePoint Point(int inverters, double cpu, double rssMiB) =>
        new(inverters, "2026-12-01 00:00 UTC", cpu, cpu / 1.4, rssMiB, rssMiB * 0.8, inverters / 2500.0, inverters / 2000.0, 0.5, 92, 0.9999, []);
}

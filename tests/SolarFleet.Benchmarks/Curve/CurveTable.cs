using System.Globalization;
using System.Text;

namespace SolarFleet.Benchmarks.Curve;

/// <summary>The cost curve as a Markdown table for docs/benchmarks.md: one column per fleet size.</summary>
public static class CurveTable
{
    public static string Markdown(CurveReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Points;
        var marginal = report.MarginalKbPerInverter;
        var text = new StringBuilder();
        Row(text, "inverters", points.Select(p => Invariant($"{p.Inverters:N0}")));
        Row(text, "---", points.Select(_ => "---"));
        Row(text, "date (UTC)", points.Select(p => p.Date));
        Row(text, "silo CPU per poll", points.Select(p => Invariant($"{p.SiloCpuMsPerPoll:0.000} ms")));
        Row(text, "floor CPU per poll (protocol client alone)", points.Select(p => Invariant($"{p.FloorCpuMsPerPoll:0.000} ms")));
        Row(text, "silo over floor", points.Select(p => Invariant($"{p.SiloCpuMsPerPoll / p.FloorCpuMsPerPoll:0.00}x")));
        Row(text, "peak RSS (per inverter)", points.Select(p => Invariant($"{p.PeakRssMiB:N0} MiB ({p.PeakKbPerInverter:0.0} KB)")));
        Row(text, "RSS at the window's end (per inverter)", points.Select(p => Invariant($"{p.RssAtEndMiB:N0} MiB ({p.EndKbPerInverter:0.0} KB)")));
        Row(text, "peak RSS added per inverter from the size before", points.Select((p, i) => i == 0 ? "-" : Invariant($"{marginal[i - 1]:0.0} KB")));
        Row(text, "registration (one PUT)", points.Select(p => Invariant($"{p.RegistrationSeconds:0.0} s")));
        Row(text, "every inverter polled, from the PUT", points.Select(p => p.AllPolledSeconds is { } s ? Invariant($"{s:0.0} s") : "not within the timeout"));
        Row(text, "GC pause in the window", points.Select(p => Invariant($"{p.GcPauseWindowSeconds:0.00} s of {p.WindowSeconds:0} s ({p.GcPauseShare:P1})")));
        Row(text, "completion", points.Select(p => Invariant($"{p.Completion:P2}")));
        Row(text, "fleet targets missed", points.Select(p => p.FleetTargetsMissed.Count == 0 ? "none" : string.Join("; ", p.FleetTargetsMissed)));
        text.AppendLine();
        text.AppendLine(report.TargetsMissed.Count == 0 ? "Curve targets: all met." : "Curve targets missed: " + string.Join("; ", report.TargetsMissed) + ".");
        foreach (var (size, why) in report.Failed)
        {
            text.AppendLine(Invariant($"{size:N0} inverters gave no figures: {why}"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IEnumerable<string> cells) =>
        text.AppendLine("| " + name + " | " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

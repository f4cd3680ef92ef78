using System.Globalization;
using System.Text;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>A report's figures as Markdown tables, one per sky, for docs/alert-detection.md.</summary>
public static class DetectionTable
{
    public static string Markdown(DetectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var sky in report.Skies)
        {
            Line(text, $"### {(sky.Sky == "clear" ? "Clear day" : $"Cloudy day (cover {sky.Cover:0.##})")}{(report.Alone ? ", every site alone" : "")}: {sky.SiteDays} site-days, {sky.HealthySiteDays} without a fault");
            text.AppendLine();
            text.AppendLine("| Injected fault | Alert | Caught | Median min | Max min | Minutes from |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var f in sky.Faults.Append(sky.Underproduction))
            {
                Line(text, $"| {f.Fault} | {f.Alert} | {f.Detected}/{f.Injected} ({f.DetectionRate:P0}) | {Minutes(f.MedianMinutes)} | {Minutes(f.MaxMinutes)} | {f.MeasuredFrom} |");
            }

            text.AppendLine();
            var falseAlerts = sky.FalseAlerts.Count == 0
                ? "none"
                : string.Join(", ", sky.FalseAlerts.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Alert} {f.Count} ({f.PerThousandSiteDays:0.##} per 1,000)")));
            Line(text, $"False alerts (sites without a fault): {falseAlerts}; in all {sky.FalseAlertsPerThousandSiteDays:0.##} per 1,000 site-days.");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Minutes(double? minutes) => minutes?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}

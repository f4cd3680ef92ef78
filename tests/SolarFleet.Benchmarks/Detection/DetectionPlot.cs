using System.Globalization;
using System.Net;
using System.Text;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>
/// Time to detect per injected fault as an SVG strip plot: one row per fault, one dot per caught site (clear and cloudy
/// days in two colours), on a log scale of minutes, with the 30-minute target marked and the misses counted at the right.
/// </summary>
public static class DetectionPlot
{
    private const int Left = 260;
    private const int Width = 560;
    private const int Right = 150;
    private const int Top = 40;
    private const int RowHeight = 28;
    private const double MinMinutes = 0.5;
    private const double MaxMinutes = 1000;

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal) { ["clear"] = "#e08a00", ["cloudy"] = "#2b6cb0" };

    public static string Svg(DetectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var faults = report.Skies.SelectMany(s => s.Faults).Select(f => f.Fault).Distinct().ToList();
        var height = Top + (faults.Count * RowHeight) + 60;
        var svg = new StringBuilder();
        Add(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + Right}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Add(svg, $"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Add(svg, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\">Time to detect per injected fault ({report.Sites} sites, {report.DaysPerSky} day(s) per sky; log scale)</text>");
        foreach (var tick in new[] { 1, 2, 5, 10, 30, 60, 120, 300, 600 })
        {
            var x = X(tick);
            var target = tick == 30;
            Add(svg, $"<line x1=\"{x:0.#}\" y1=\"{Top - 5}\" x2=\"{x:0.#}\" y2=\"{height - 45}\" stroke=\"{(target ? "#c53030" : "#ddd")}\" stroke-dasharray=\"{(target ? "4 3" : "none")}\"/>");
            Add(svg, $"<text x=\"{x:0.#}\" y=\"{height - 30}\" text-anchor=\"middle\">{tick}</text>");
        }

        Add(svg, $"<text x=\"{Left + (Width / 2)}\" y=\"{height - 12}\" text-anchor=\"middle\">minutes from the fault's start (dark all day: from daylight, sun at 12°; clock: from sunrise)</text>");
        for (var row = 0; row < faults.Count; row++)
        {
            var y = Top + (row * RowHeight) + (RowHeight / 2);
            Add(svg, $"<text x=\"{Left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{WebUtility.HtmlEncode(faults[row])}</text>");
            var misses = new List<string>();
            for (var s = 0; s < report.Skies.Count; s++)
            {
                var sky = report.Skies[s];
                var figures = sky.Faults.Single(f => f.Fault == faults[row]);
                var colour = Colours.GetValueOrDefault(sky.Sky, "#555");
                var offset = (s * 8) - 4;
                foreach (var minutes in figures.MinutesToDetect)
                {
                    Add(svg, $"<circle cx=\"{X(minutes):0.#}\" cy=\"{y + offset}\" r=\"3.5\" fill=\"{colour}\" fill-opacity=\"0.7\"/>");
                }

                if (figures.MedianMinutes is { } median)
                {
                    Add(svg, $"<line x1=\"{X(median):0.#}\" y1=\"{y + offset - 6}\" x2=\"{X(median):0.#}\" y2=\"{y + offset + 6}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
                }

                if (figures.Detected < figures.Injected)
                {
                    misses.Add(string.Create(CultureInfo.InvariantCulture, $"{sky.Sky} {figures.Injected - figures.Detected}/{figures.Injected}"));
                }
            }

            if (misses.Count > 0)
            {
                Add(svg, $"<text x=\"{Left + Width + 8}\" y=\"{y + 4}\" fill=\"#c53030\">missed: {string.Join(", ", misses)}</text>");
            }
        }

        var legend = 0;
        foreach (var sky in report.Skies)
        {
            var colour = Colours.GetValueOrDefault(sky.Sky, "#555");
            Add(svg, $"<circle cx=\"{Left + Width + 14}\" cy=\"{20 + (legend * 14)}\" r=\"4\" fill=\"{colour}\"/>");
            Add(svg, $"<text x=\"{Left + Width + 24}\" y=\"{24 + (legend * 14)}\">{sky.Sky} (bar: median)</text>");
            legend++;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double X(double minutes) =>
        Left + (Width * (Math.Log10(Math.Clamp(minutes, MinMinutes, MaxMinutes)) - Math.Log10(MinMinutes)) / (Math.Log10(MaxMinutes) - Math.Log10(MinMinutes)));

    private static void Add(StringBuilder svg, FormattableString line) => svg.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}

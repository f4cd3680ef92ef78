using System.Globalization;
using System.Net;
using System.Text;

namespace SolarFleet.Benchmarks.Curve;

/// <summary>
/// The cost curve as an SVG: four panels against the fleet size on a log scale (CPU per poll, resident memory per
/// inverter with its target, registration and first-poll time, GC pause), one dot per fleet size with its value.
/// </summary>
public static class CurvePlot
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 260;
    private const int Margin = 60;
    private const int Header = 50;

    private const string Orange = "#e08a00";
    private const string Blue = "#2b6cb0";
    private const string Red = "#c53030";

    private sealed record Series(string Label, string Colour, IReadOnlyList<(int Inverters, double Value)> Points, bool Dashed = false);

    /// <summary>
    /// A panel's vertical scale: linear from 0, or log over whole decades (memory per inverter spans two), with room below
    /// the lowest value for a target line at it.
    /// </summary>
    private sealed record Scale(double Low, double High, bool Log)
    {
        public static Scale For(IEnumerable<double> values, bool log)
        {
            var finite = values.Where(v => double.IsFinite(v) && (!log || v > 0)).DefaultIfEmpty(1).ToList();
            return log
                ? new Scale(Math.Pow(10, Math.Floor(Math.Log10(finite.Min() / 2))), Math.Pow(10, Math.Ceiling(Math.Log10(finite.Max() * 1.01))), Log: true)
                : new Scale(0, NiceCeiling(finite.Max() * 1.15), Log: false);
        }

        /// <summary>Where <paramref name="value"/> falls, 0 (bottom) to 1 (top).</summary>
        public double Fraction(double value) => Log
            ? (Math.Log10(Math.Clamp(value, Low, High)) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low))
            : Math.Clamp(value, Low, High) / High;

        public IEnumerable<double> Ticks()
        {
            if (Log)
            {
                for (var tick = Low; tick <= High * 1.001; tick *= 10)
                {
                    yield return tick;
                }
            }
            else
            {
                for (var i = 0; i <= 4; i++)
                {
                    yield return High * i / 4;
                }
            }
        }
    }

    public static string Svg(CurveReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var points = report.Points;
        var width = (2 * PanelWidth) + (3 * Margin);
        var height = Header + (2 * PanelHeight) + (3 * Margin);
        var svg = new StringBuilder();
        Add(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Add(svg, $"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Add(svg, $"<text x=\"{Margin}\" y=\"24\" font-size=\"15\">SolarFleet cost curve: one silo, {Encode(string.Join(", ", points.Select(p => Size(p.Inverters))))} inverters</text>");
        Add(svg, $"<text x=\"{Margin}\" y=\"42\" fill=\"#555\">{Encode(report.Machine)}; {Encode(report.Date)}</text>");
        if (points.Count == 0)
        {
            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        var (low, high) = (points.Min(p => p.Inverters) / 1.6, points.Max(p => p.Inverters) * 1.6);
        Panel(svg, 0, 0, "CPU per poll (ms)", low, high, null, false,
            new Series("silo", Orange, [.. points.Select(p => (p.Inverters, p.SiloCpuMsPerPoll))]),
            new Series("protocol client alone (floor)", Blue, [.. points.Select(p => (p.Inverters, p.FloorCpuMsPerPoll))], Dashed: true));
        Panel(svg, 1, 0, "Resident memory per inverter (KB, log scale)", low, high, (CurveTargets.MaxKbPerInverter, $"target {CurveTargets.MaxKbPerInverter:0} KB from {Size(CurveTargets.MemoryTargetFrom)}"), true,
            new Series("peak RSS / inverters", Orange, [.. points.Select(p => (p.Inverters, p.PeakKbPerInverter))]),
            new Series("RSS at the window's end / inverters", Blue, [.. points.Select(p => (p.Inverters, p.EndKbPerInverter))], Dashed: true));
        Panel(svg, 0, 1, "Registration, one PUT (s)", low, high, null, false,
            new Series("registered", Orange, [.. points.Select(p => (p.Inverters, p.RegistrationSeconds))]),
            new Series("every inverter polled", Blue, [.. points.Where(p => p.AllPolledSeconds is not null).Select(p => (p.Inverters, p.AllPolledSeconds!.Value))], Dashed: true));
        Panel(svg, 1, 1, "GC pause, share of the window (%)", low, high, null, false,
            new Series("GC pause", Orange, [.. points.Select(p => (p.Inverters, p.GcPauseShare * 100))]));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int column, int row, string title, double low, double high, (double Value, string Label)? target, bool logY, params Series[] series)
    {
        var left = Margin + (column * (PanelWidth + Margin));
        var top = Header + Margin + (row * (PanelHeight + Margin));
        var scale = Scale.For(series.SelectMany(s => s.Points.Select(p => p.Value)).Append(target?.Value ?? double.NaN), logY);
        double X(double inverters) => left + (PanelWidth * (Math.Log10(inverters) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low)));
        double Y(double value) => top + PanelHeight - (PanelHeight * scale.Fraction(value));

        Add(svg, $"<text x=\"{left}\" y=\"{top - 12}\" font-size=\"13\" font-weight=\"bold\">{Encode(title)}</text>");
        Add(svg, $"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>");
        foreach (var value in scale.Ticks())
        {
            Add(svg, $"<line x1=\"{left}\" y1=\"{Y(value):0.#}\" x2=\"{left + PanelWidth}\" y2=\"{Y(value):0.#}\" stroke=\"#eee\"/>");
            Add(svg, $"<text x=\"{left - 6}\" y=\"{Y(value) + 4:0.#}\" text-anchor=\"end\">{Number(value)}</text>");
        }

        for (var decade = Math.Pow(10, Math.Ceiling(Math.Log10(low))); decade <= high; decade *= 10)
        {
            Add(svg, $"<line x1=\"{X(decade):0.#}\" y1=\"{top}\" x2=\"{X(decade):0.#}\" y2=\"{top + PanelHeight}\" stroke=\"#eee\"/>");
            Add(svg, $"<text x=\"{X(decade):0.#}\" y=\"{top + PanelHeight + 16}\" text-anchor=\"middle\">{Size((int)decade)}</text>");
        }

        Add(svg, $"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top + PanelHeight + 32}\" text-anchor=\"middle\" fill=\"#555\">inverters (log scale)</text>");
        if (target is { } t)
        {
            Add(svg, $"<line x1=\"{left}\" y1=\"{Y(t.Value):0.#}\" x2=\"{left + PanelWidth}\" y2=\"{Y(t.Value):0.#}\" stroke=\"{Red}\" stroke-dasharray=\"5 4\"/>");
            Add(svg, $"<text x=\"{left + 4}\" y=\"{Y(t.Value) + 14:0.#}\" fill=\"{Red}\">{Encode(t.Label)}</text>");
        }

        for (var s = 0; s < series.Length; s++)
        {
            var line = series[s];
            var drawn = line.Points.Where(p => double.IsFinite(p.Value)).ToList();
            if (drawn.Count > 1)
            {
                var path = string.Join(' ', drawn.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Inverters):0.#},{Y(p.Value):0.#}")));
                Add(svg, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"2\" stroke-dasharray=\"{(line.Dashed ? "6 4" : "none")}\"/>");
            }

            foreach (var (inverters, value) in drawn)
            {
                Add(svg, $"<circle cx=\"{X(inverters):0.#}\" cy=\"{Y(value):0.#}\" r=\"3.5\" fill=\"{line.Colour}\"/>");
                Add(svg, $"<text x=\"{X(inverters) + 5:0.#}\" y=\"{Y(value) + (s == 0 ? -6 : 14):0.#}\" font-size=\"10\" fill=\"{line.Colour}\">{Number(value)}</text>");
            }

            Add(svg, $"<line x1=\"{left + 10}\" y1=\"{top + 14 + (s * 16)}\" x2=\"{left + 30}\" y2=\"{top + 14 + (s * 16)}\" stroke=\"{line.Colour}\" stroke-width=\"2\" stroke-dasharray=\"{(line.Dashed ? "6 4" : "none")}\"/>");
            Add(svg, $"<text x=\"{left + 36}\" y=\"{top + 18 + (s * 16)}\">{Encode(line.Label)}</text>");
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above <paramref name="value"/>: axis tops that quarter into readable ticks.</summary>
    internal static double NiceCeiling(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 4, 5, 10 }.Select(m => m * power).First(v => v >= value * 0.999);
    }

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Size(int inverters) => inverters >= 1000 && inverters % 1000 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{inverters / 1000}k")
        : inverters.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void Add(StringBuilder svg, FormattableString line) => svg.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}

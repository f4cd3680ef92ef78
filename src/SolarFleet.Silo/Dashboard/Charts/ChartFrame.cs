using System.Globalization;

namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>
/// The drawing area every chart shares, in CSS pixels down and per cent across: the charts are as wide as the page
/// (360 px on a phone) while text and bars keep their pixel height.
/// </summary>
public static class ChartFrame
{
    public const double Height = 220;

    public const double PlotTop = 20;

    public const double PlotBottom = 188;

    /// <summary>Baseline of the labels under the plot.</summary>
    public const double LabelY = 212;

    /// <summary>The pixel height of a value at <paramref name="fraction"/> of the scale (0 at the bottom of the plot).</summary>
    public static double Y(double fraction) => PlotBottom - (fraction * (PlotBottom - PlotTop));

    /// <summary>A coordinate for SVG: invariant, at most two decimals.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A horizontal position as an SVG percentage.</summary>
    public static string Percent(double value) => Number(value) + "%";

    /// <summary>Gridlines for the value axis: one per step of the scale, with its label.</summary>
    public static IReadOnlyList<AxisTick> ValueTicks(NiceScale scale, Func<double, string> label)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(label);
        return [.. scale.Ticks.Select(t => new AxisTick(Y(scale.Fraction(t)), label(t)))];
    }
}

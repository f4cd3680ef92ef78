namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>What the shared axis partials draw: gridlines for the values (under the marks), and the labels (over them).</summary>
public sealed record ChartAxes(IReadOnlyList<AxisTick> Values, IReadOnlyList<AxisTick> Times);

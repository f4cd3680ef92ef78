namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>A labelled place on an axis: pixels down for the value axis, per cent across for the time axis.</summary>
/// <param name="Minor">A label left out on a narrow screen, so that the others do not collide.</param>
public sealed record AxisTick(double Position, string Label, bool Minor = false)
{
    /// <summary>Labels at the edges are anchored inward, so that they stay inside the chart.</summary>
    public string Anchor => Position <= 2 ? "start" : Position >= 98 ? "end" : "middle";
}

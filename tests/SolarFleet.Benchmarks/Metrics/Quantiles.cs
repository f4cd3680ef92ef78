namespace SolarFleet.Benchmarks.Metrics;

/// <summary>Exact quantiles of measured values (nearest rank), for the figures the benchmark times itself.</summary>
public static class Quantiles
{
    /// <summary>The value at quantile <paramref name="q"/> of values sorted ascending; NaN when there are none.</summary>
    public static double Of(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

namespace SolarFleet.Benchmarks.Metrics;

/// <summary>
/// The observations a cumulative histogram gained between two scrapes, and quantiles estimated from them the way
/// Prometheus' histogram_quantile does (linear within a bucket). The maximum is only known as a bucket's upper bound.
/// </summary>
public sealed class HistogramWindow
{
    private readonly (double UpperBound, double Count)[] _buckets;

    public HistogramWindow(IReadOnlyList<(double UpperBound, double Count)> before, IReadOnlyList<(double UpperBound, double Count)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        _buckets = after
            .Select(b => (b.UpperBound, b.Count - before.Where(o => o.UpperBound.Equals(b.UpperBound)).Sum(o => o.Count)))
            .ToArray();
    }

    public double Count => _buckets.Length == 0 ? 0 : _buckets[^1].Count;

    /// <summary>Upper bound of the highest bucket that gained an observation (infinity if one fell past the last bound, 0 when empty).</summary>
    public double MaxUpperBound
    {
        get
        {
            var previous = 0.0;
            var max = 0.0;
            foreach (var (bound, count) in _buckets)
            {
                if (count > previous)
                {
                    max = bound;
                }

                previous = count;
            }

            return max;
        }
    }

    /// <summary>Observations of at most <paramref name="bound"/>: exact when it is a bucket's upper bound (else the next lower bound's).</summary>
    public double CountAtMost(double bound) => _buckets.Where(b => b.UpperBound <= bound).Select(b => b.Count).DefaultIfEmpty(0).Max();

    /// <summary>Estimated q-quantile (0..1); NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count <= 0)
        {
            return double.NaN;
        }

        var rank = q * Count;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (bound, count) in _buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lower;
                }

                var inBucket = count - below;
                return inBucket <= 0 ? bound : lower + ((bound - lower) * (rank - below) / inBucket);
            }

            lower = bound;
            below = count;
        }

        return lower;
    }
}

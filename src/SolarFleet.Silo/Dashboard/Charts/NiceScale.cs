namespace SolarFleet.Silo.Dashboard.Charts;

/// <summary>
/// A value axis from zero to a round maximum in round steps (0, 2, 4, 6 kW rather than 0, 1.53, 3.06, 4.59), so that
/// gridlines can be read off without a calculator.
/// </summary>
public sealed record NiceScale(double Max, double Step)
{
    private static readonly double[] RoundSteps = [1, 2, 2.5, 5, 10];

    /// <summary>The smallest round scale with about <paramref name="steps"/> steps that holds <paramref name="highest"/>.</summary>
    public static NiceScale For(double highest, int steps = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(highest > 0))
        {
            // Nothing to show (night, or a new site): an empty axis of unit steps rather than a division by zero.
            return new NiceScale(steps, 1);
        }

        var raw = highest / steps;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));

        // A hair of tolerance: 3000 / 3 must stay a step of 1000, not become 2000 through rounding.
        var step = RoundSteps.Select(m => m * magnitude).First(s => s >= raw * (1 - 1e-9));
        return new NiceScale(step * Math.Ceiling(highest / step - 1e-9), step);
    }

    /// <summary>Zero, every step, and the maximum.</summary>
    public IReadOnlyList<double> Ticks => [.. Enumerable.Range(0, (int)Math.Round(Max / Step) + 1).Select(i => i * Step)];

    /// <summary>Where a value sits between zero (0) and the maximum (1), clamped.</summary>
    public double Fraction(double value) => Math.Clamp(value / Max, 0, 1);
}

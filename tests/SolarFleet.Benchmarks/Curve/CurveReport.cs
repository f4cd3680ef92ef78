namespace SolarFleet.Benchmarks.Curve;

/// <summary>The cost curve: one point per fleet size that ran, and the sizes whose run failed.</summary>
public sealed record CurveReport
{
    public required string Date { get; init; }

    public required string Machine { get; init; }

    public required string Command { get; init; }

    public required IReadOnlyList<CurvePoint> Points { get; init; }

    /// <summary>Fleet size, and why its run gave no figures.</summary>
    public IReadOnlyDictionary<int, string> Failed { get; init; } = new Dictionary<int, string>();

    /// <summary>Marginal resident memory per inverter between each size and the next (peak RSS difference over inverters added), KB.</summary>
    public IReadOnlyList<double> MarginalKbPerInverter =>
        [.. Points.Zip(Points.Skip(1), (a, b) => (b.PeakRssMiB - a.PeakRssMiB) * 1024 / (b.Inverters - a.Inverters))];

    public IReadOnlyList<string> TargetsMissed { get; init; } = [];
}

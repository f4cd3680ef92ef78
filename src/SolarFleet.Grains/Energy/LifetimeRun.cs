namespace SolarFleet.Grains.Energy;

/// <summary>
/// Consecutive PowerTotal readings that do not follow on from the lifetime kept (it went back, or jumped): one anomaly
/// for the run, and a new baseline once the run shows a counter of its own (see <see cref="LifetimeRules"/>).
/// </summary>
[GenerateSerializer]
public sealed class LifetimeRun
{
    [Id(0)]
    public double FirstKwh { get; set; }

    [Id(1)]
    public double LastKwh { get; set; }

    [Id(2)]
    public int Count { get; set; }
}

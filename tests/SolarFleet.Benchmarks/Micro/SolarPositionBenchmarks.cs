using BenchmarkDotNet.Attributes;
using SolarFleet.Solar;
using SolarFleet.Solar.Position;

namespace SolarFleet.Benchmarks.Micro;

/// <summary>The sun's position for one site, and for a thousand sites at one instant (what a silo does every minute).</summary>
// In process: a generated benchmark project would sit below tests/ and inherit the test projects' build settings.
[InProcess]
[MemoryDiagnoser]
public class SolarPositionBenchmarks
{
    private static readonly DateTimeOffset Instant = new(2026, 6, 21, 19, 30, 0, TimeSpan.Zero);

    private readonly GeoPoint _site = new(37.4419, -122.143);
    private readonly GeoPoint[] _sites = Enumerable.Range(0, 1000).Select(i => new GeoPoint(25 + (i % 25), -125 + (i % 60))).ToArray();
    private readonly SunPosition[] _positions = new SunPosition[1000];

    [Benchmark(Baseline = true)]
    public SunPosition OneSite() => SolarPosition.At(_site, Instant);

    [Benchmark(OperationsPerInvoke = 1000)]
    public void ThousandSitesOneByOne()
    {
        for (var i = 0; i < _sites.Length; i++)
        {
            _positions[i] = SolarPosition.At(_sites[i], Instant);
        }
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public void ThousandSitesAtOnce() => SolarPosition.At(_sites, Instant, _positions);
}

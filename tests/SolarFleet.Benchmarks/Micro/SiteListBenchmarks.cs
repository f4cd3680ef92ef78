using System.Globalization;
using BenchmarkDotNet.Attributes;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Dashboard.Sites;

namespace SolarFleet.Benchmarks.Micro;

/// <summary>
/// The first page of the dashboard's sites list from a fresh shared list of 10,000 sites (the fleet's view is new
/// about once a second, and its first reader in each order pays for the order), as the overview and /sites ask it.
/// </summary>
[InProcess]
[MemoryDiagnoser]
[InvocationCount(1)]
public class SiteListBenchmarks
{
    private const int Sites = 10_000;
    private SiteSummary[] _template = [];
    private SiteSummary[] _fresh = [];

    [Params(SiteSort.Attention, SiteSort.Name, SiteSort.Power)]
    public SiteSort Sort { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Names like an installer's (family names, a few shared), most sites healthy, one in 20 needing attention.
        var random = new Random(7);
        string[] families = ["Silva", "Papadopoulos", "Ferreira", "Wanjiru", "Müller", "Østergaard", "O'Brien", "García", "Nguyen", "Kowalski"];
        _template = Enumerable.Range(0, Sites).Select(i =>
        {
            var unreachable = i % 20 == 0 ? 1 : 0;
            var health = new HealthCounts(0, 10 - unreachable, 0, 0, unreachable, 0);
            var name = string.Create(CultureInfo.InvariantCulture, $"{families[random.Next(families.Length)]} home {random.Next(5_000)}");
            return new SiteSummary($"site-{i:00000}", name, "Europe/Lisbon", 10, random.Next(40_000), new DateOnly(2026, 6, 1), random.Next(300_000), health, null);
        }).ToArray();
    }

    // A new array each time, as the fleet's next view is: nothing derived from the last one applies.
    [IterationSetup]
    public void NewView() => _fresh = (SiteSummary[])_template.Clone();

    [Benchmark]
    public SiteListPage FirstPageOfANewView() => SiteList.Select(_fresh, new SiteListQuery(null, null, null, Sort, 1));
}

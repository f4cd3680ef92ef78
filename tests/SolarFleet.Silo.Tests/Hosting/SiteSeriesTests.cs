using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>Per-site series under SolarFleet:Metrics:MaxSiteSeries, as sites come and go.</summary>
public sealed class SiteSeriesTests : IAsyncLifetime
{
    private const int MaxSiteSeries = 12;

    private readonly SolarFleetFactory _factory = new SolarFleetFactory()
        .With("SolarFleet:Metrics:MaxSiteSeries", MaxSiteSeries.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    public ValueTask InitializeAsync()
    {
        _admin = _factory.Client(SolarFleetFactory.AdminKey);
        _anonymous = _factory.Client(null);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Removed_sites_release_their_series_so_new_sites_are_exported_without_a_restart()
    {
        var first = Enumerable.Range(0, MaxSiteSeries).Select(i => $"old-{i:00}").ToArray();
        await CreateAsync(first);
        await SeriesAsync(first, [], "every first site's series");

        foreach (var site in first)
        {
            (await _admin.Delete($"/api/sites/{site}")).Dispose();
        }

        var second = Enumerable.Range(0, MaxSiteSeries / 2).Select(i => $"new-{i:00}").ToArray();
        await CreateAsync(second);

        await SeriesAsync(second, first, "the new sites' series, and none of the removed sites'");
    }

    [Fact]
    public async Task Sites_beyond_the_limit_are_left_out_rather_than_overflowing()
    {
        var sites = Enumerable.Range(0, MaxSiteSeries + 3).Select(i => $"many-{i:00}").ToArray();
        await CreateAsync(sites);

        var samples = await SeriesAsync(sites[..MaxSiteSeries], sites[MaxSiteSeries..], "the first sites by id");

        Assert.DoesNotContain(samples, s => s.Labels.Contains("otel_metric_overflow", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task CreateAsync(IEnumerable<string> sites)
    {
        foreach (var site in sites)
        {
            using var response = await _admin.Put($"/api/sites/{site}", SiloWithSimulator.SiteBody());
            response.EnsureSuccessStatusCode();
        }
    }

    private Task<IReadOnlyList<MetricSample>> SeriesAsync(IEnumerable<string> present, IEnumerable<string> absent, string what) =>
        Eventually.Get(
            () => MetricsScrape.SamplesAsync(_anonymous),
            samples =>
            {
                var sites = SitesOf(samples);
                return present.All(sites.Contains) && !absent.Any(sites.Contains);
            },
            TimeSpan.FromSeconds(30),
            what,
            samples => "site series for " + string.Join(", ", SitesOf(samples).Order(StringComparer.Ordinal)));

    private static HashSet<string> SitesOf(IEnumerable<MetricSample> samples) =>
        samples
            .Where(s => s.Name == "solarfleet_site_power_watts")
            .Select(s => s.Labels.Split("site=\"")[1].Split('"')[0])
            .ToHashSet(StringComparer.Ordinal);
}

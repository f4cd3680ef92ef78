using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Reads;

/// <summary>
/// The one read path of live fleet facts for the API and the dashboard alike: the fleet's roll-up, its sites, one
/// site, its inverters. Fleet-wide reads touch only the fleet grain (what sites pushed); only a site's own page fans
/// out to its inverters.
/// </summary>
/// <remarks>
/// Every site's summary is 10,000 rows at fleet scale: built, copied and sent by the one fleet grain, then sorted by
/// each reader. Asked for on every request (200 a second), that work starved the polling. The list is therefore kept
/// here for <see cref="SitesFreshness"/> and shared, and taken again at once when the fleet gains or loses a site, so
/// a site just added or removed shows at the next read; only the figures may be that much older.
/// </remarks>
public sealed class FleetReads(IGrainFactory grains) : IDisposable
{
    /// <summary>How old the shared list of site summaries may be.</summary>
    public static readonly TimeSpan SitesFreshness = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile SitesSnapshot? _sites;

    private IFleetGrain Fleet => grains.GetGrain<IFleetGrain>(FleetKey.Default);

    public Task<FleetSummary> SummaryAsync() => Fleet.GetSummary();

    /// <summary>Every live site's summary by id, at most <see cref="SitesFreshness"/> old and holding every site there is.</summary>
    public async Task<IReadOnlyList<SiteSummary>> SitesAsync()
    {
        var version = await Fleet.GetSitesVersion();
        if (Current(version) is { } held)
        {
            return held;
        }

        await _refresh.WaitAsync();
        try
        {
            if (Current(version) is { } taken)
            {
                return taken;
            }

            // The version was read before the list: a site added in between makes the next read take the list again.
            var sites = await Fleet.GetSiteSummaries();
            _sites = new SitesSnapshot(sites, version, TimeProvider.System.GetTimestamp());
            return sites;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    public Task<IReadOnlyList<Problem>> ProblemsAsync() => Fleet.GetProblems();

    /// <summary>A site that exists and was not removed, or null.</summary>
    public async Task<SiteSnapshot?> LiveSiteAsync(string siteId) =>
        await grains.GetGrain<ISiteGrain>(siteId).GetSnapshot() is { IsRemoved: false } site ? site : null;

    /// <summary>The site's inverters by id. A site has a handful: reading each one is a bounded fan-out, unlike a fleet-wide read.</summary>
    public async Task<IReadOnlyList<InverterSnapshot>> InvertersAsync(SiteSnapshot site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var snapshots = await Task.WhenAll(site.Inverters.Keys
            .Order(StringComparer.Ordinal)
            .Select(id => grains.GetGrain<IInverterGrain>(InverterKey.Of(site.SiteId, id)).GetSnapshot()));
        return snapshots.OfType<InverterSnapshot>().ToArray();
    }

    public Task<InverterSnapshot?> InverterAsync(string siteId, string inverterId) =>
        grains.GetGrain<IInverterGrain>(InverterKey.Of(siteId, inverterId)).GetSnapshot();

    // Real time, not the grains' clock: freshness is about the reader's wait, and a test's frozen clock must not freeze it.
    private IReadOnlyList<SiteSummary>? Current(long version) =>
        _sites is { } held && held.Version == version && TimeProvider.System.GetElapsedTime(held.TakenAt) < SitesFreshness ? held.Sites : null;

    private sealed record SitesSnapshot(IReadOnlyList<SiteSummary> Sites, long Version, long TakenAt);
}

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
public sealed class FleetReads(IGrainFactory grains)
{
    private IFleetGrain Fleet => grains.GetGrain<IFleetGrain>(FleetKey.Default);

    public Task<FleetSummary> SummaryAsync() => Fleet.GetSummary();

    public Task<IReadOnlyList<SiteSummary>> SitesAsync() => Fleet.GetSiteSummaries();

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
}

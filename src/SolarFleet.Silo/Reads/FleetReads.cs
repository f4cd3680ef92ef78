using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Reads;

/// <summary>
/// The one read path of live fleet facts for the API and the dashboard alike: the fleet's roll-up, its sites, one
/// site, its inverters. Fleet-wide reads touch only the fleet grain's shared <see cref="FleetView"/> (what sites
/// pushed); only a site's own page fans out to its inverters.
/// </summary>
/// <remarks>
/// Every site's summary is 10,000 rows at fleet scale. This silo keeps the last view it got and each read asks the
/// fleet grain only whether it is still current (a stamp), so the rows cross between silos only when they changed:
/// about once a second, not 200 times.
/// </remarks>
public sealed class FleetReads(IGrainFactory grains)
{
    private volatile FleetView? _view;

    private IFleetGrain Fleet => grains.GetGrain<IFleetGrain>(FleetKey.Default);

    /// <summary>The fleet's current view: a site added or removed shows at once, figures are at most about a second old.</summary>
    public async Task<FleetView> ViewAsync()
    {
        var held = _view;
        if (await Fleet.GetView(held?.Stamp ?? 0) is { } newer)
        {
            _view = newer;
            return newer;
        }

        // Null means the stamp sent is current, and only a held view has a stamp.
        return held ?? throw new InvalidOperationException("The fleet answered 'unchanged' to a reader that holds no view.");
    }

    public async Task<FleetSummary> SummaryAsync() => (await ViewAsync()).Summary;

    /// <summary>Every live site's summary by id.</summary>
    public async Task<IReadOnlyList<SiteSummary>> SitesAsync() => (await ViewAsync()).Sites;

    public async Task<IReadOnlyList<Problem>> ProblemsAsync() => (await ViewAsync()).Problems;

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

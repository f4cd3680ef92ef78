using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Registration;

/// <summary>
/// The one write path for single sites and inverters, for the API and the dashboard alike: settings already checked
/// by <see cref="Api.Validation.RequestValidator"/> go to the grains, which start or stop polling.
/// </summary>
public sealed class FleetRegistry(IGrainFactory grains)
{
    /// <summary>Creates or changes a site; the snapshot after, and whether the site existed (and was live) before.</summary>
    public async Task<(SiteSnapshot Site, bool Existed)> SaveSiteAsync(string siteId, SiteSettings settings)
    {
        var site = grains.GetGrain<ISiteGrain>(siteId);
        var existed = await site.GetSnapshot() is { IsRemoved: false };
        await site.Configure(settings);
        return ((await site.GetSnapshot())!, existed);
    }

    /// <summary>Registers or changes an inverter of a live site; polling starts or changes at once.</summary>
    public async Task<(InverterSnapshot Inverter, bool Existed)> SaveInverterAsync(SiteSnapshot site, string inverterId, InverterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(site);
        var existed = site.Inverters.ContainsKey(inverterId);
        await grains.GetGrain<ISiteGrain>(site.SiteId).UpsertInverter(inverterId, settings);
        var snapshot = await grains.GetGrain<IInverterGrain>(InverterKey.Of(site.SiteId, inverterId)).GetSnapshot();
        return (snapshot!, existed);
    }

    public Task RemoveSiteAsync(string siteId) => grains.GetGrain<ISiteGrain>(siteId).Remove();

    /// <summary>False when the site had no such inverter.</summary>
    public Task<bool> RemoveInverterAsync(string siteId, string inverterId) => grains.GetGrain<ISiteGrain>(siteId).RemoveInverter(inverterId);
}

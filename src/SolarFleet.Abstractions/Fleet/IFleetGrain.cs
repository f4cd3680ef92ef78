using Orleans.Runtime;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Abstractions.Fleet;

/// <summary>The whole fleet (one grain, key <see cref="FleetKey.Default"/>). Knows its sites; sums what they push.</summary>
[Alias("solarfleet.fleet")]
public interface IFleetGrain : IGrainWithStringKey
{
    [Alias("add-site")]
    Task AddSite(string siteId);

    /// <summary>Takes a site out of the fleet, remembering it as removed (for its energy history) until the retention ends.</summary>
    [Alias("remove-site")]
    Task RemoveSite(RemovedSite removed);

    /// <summary>Sites removed within the retention period, by id.</summary>
    [Alias("removed-sites"), AlwaysInterleave]
    Task<IReadOnlyList<RemovedSite>> GetRemovedSites();

    [Alias("site-ids"), AlwaysInterleave]
    Task<IReadOnlyList<string>> GetSiteIds();

    /// <summary>A site's throttled push (the reduce step).</summary>
    [Alias("report"), OneWay]
    Task Report(SiteReport report);

    /// <summary>
    /// The fleet's shared view, or null when the reader's <paramref name="heldStamp"/> is still the current one: a
    /// reader keeps the view it got and is sent the 10,000 rows again only when they changed. A site added or removed
    /// shows in the next view; figures are at most a second old. A stamp of 0 is never current: it always gets the
    /// view.
    /// </summary>
    [Alias("view"), AlwaysInterleave]
    Task<FleetView?> GetView(long heldStamp);

    /// <summary>
    /// A silo was declared dead: wakes every site's inverters now, so those it hosted poll again without waiting for
    /// their reminders. Returns at once; the wake runs on. Each survivor may ask: one silo is woken for once.
    /// </summary>
    [Alias("wake-after-silo-loss")]
    Task WakeAfterSiloLoss(SiloAddress silo);
}

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

    [Alias("summary"), AlwaysInterleave]
    Task<FleetSummary> GetSummary();

    [Alias("site-summaries"), AlwaysInterleave]
    Task<IReadOnlyList<SiteSummary>> GetSiteSummaries();

    /// <summary>
    /// Changes whenever <see cref="GetSiteSummaries"/> gains or loses a site (a new activation starts from a random
    /// value): a reader holding a list of the same version holds every site, with figures as old as the list.
    /// </summary>
    [Alias("sites-version"), AlwaysInterleave]
    Task<long> GetSitesVersion();

    [Alias("problems"), AlwaysInterleave]
    Task<IReadOnlyList<Problem>> GetProblems();

    /// <summary>
    /// A silo was declared dead: wakes every site's inverters now, so those it hosted poll again without waiting for
    /// their reminders. Returns at once; the wake runs on. Each survivor may ask: one silo is woken for once.
    /// </summary>
    [Alias("wake-after-silo-loss")]
    Task WakeAfterSiloLoss(SiloAddress silo);
}

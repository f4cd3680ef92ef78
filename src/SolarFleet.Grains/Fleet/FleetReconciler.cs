using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Grains.Fleet;

/// <summary>
/// One pass of making the fleet match a document: sites the fleet has but the document does not are removed, and every
/// site of the document is configured with exactly its inverters. Every step is idempotent (a site that already
/// matches costs two calls and no write), so a pass that was cut short (a newer generation, a crash) is simply run
/// again from the start. A site that fails does not stop the others; the pass reports it.
/// </summary>
public sealed class FleetReconciler(IGrainFactory grains, int parallelism)
{
    /// <returns>True when every site is as the document says.</returns>
    public async Task<bool> ApplyAsync(DesiredFleet document, FleetApplyProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(progress);
        var wanted = document.Sites.Select(site => site.Id).ToHashSet(StringComparer.Ordinal);
        var obsolete = (await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetSiteIds()).Where(id => !wanted.Contains(id)).ToList();
        progress.Begin(obsolete.Count);

        // On the calling activation's scheduler: the progress needs no locks, and the calls still overlap.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(obsolete, options, async (siteId, _) =>
        {
            try
            {
                await grains.GetGrain<ISiteGrain>(siteId).Remove();
                progress.Removed();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                progress.Failed(siteId, ex);
            }
        });
        await Parallel.ForEachAsync(document.Sites, options, async (site, _) =>
        {
            try
            {
                var grain = grains.GetGrain<ISiteGrain>(site.Id);
                await grain.Configure(site.Settings);
                await grain.ReplaceInverters(site.Inverters);
                progress.Applied();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                progress.Failed(site.Id, ex);
            }
        });
        return progress.Failures == 0;
    }
}

using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Grains.Fleet;

/// <summary>
/// The fleet's walks over its sites: the resume after its own activation, the wake after another silo's loss, the
/// asks of sites that stay silent. One walk at a time, each calling a bounded number of sites at once
/// (<see cref="FleetWake"/>), so that together they never activate the whole fleet, and every inverter of a lost
/// silo, in the same second.
/// </summary>
/// <remarks>Used from the fleet grain's turns: the walks run on its scheduler.</remarks>
internal sealed class SiteWalks(IGrainFactory grains, TimeProvider directoryTime)
{
    private Task _last = Task.CompletedTask;

    public bool IsIdle => _last.IsCompleted;

    /// <summary>Starts <paramref name="walk"/> once the walk under way, if any, has ended (however it ended).</summary>
    public void Then(Func<Task> walk)
    {
        _last = After(_last, walk);

        static async Task After(Task prior, Func<Task> walk)
        {
            await prior.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await walk();
        }
    }

    /// <summary>Calls each site, a bounded number at a time; a site that fails is tried again after a pause.</summary>
    public Task<FleetWakeResult> VisitAsync(IReadOnlyCollection<string> siteIds, Func<ISiteGrain, Task<int>> call) =>
        // Retries wait for the silos' directories, so on their clock (real time, whatever the grains' clock is).
        new FleetWake(siteId => call(grains.GetGrain<ISiteGrain>(siteId)), directoryTime, FleetWakeLimits.Default)
            .RunAsync(siteIds, CancellationToken.None);
}

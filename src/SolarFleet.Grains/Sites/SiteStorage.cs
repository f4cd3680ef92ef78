using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Persistence;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// A site's state in grain storage. A failed write leaves memory ahead of storage, so the activation is told to start
/// over from what storage holds (<paramref name="reload"/>), and the failure is the caller's.
/// </summary>
public sealed class SiteStorage(IPersistentState<SiteState> state, Action reload)
{
    /// <summary>The state as it is now: <see cref="ClearAsync"/> replaces it.</summary>
    public SiteState State => state.State;

    /// <summary>The settings of a live site; null when there is none, or it was removed.</summary>
    public SiteSettings? Settings => SiteRegistration.LiveSettings(state.State);

    public Task WriteAsync(CancellationToken cancellationToken) =>
        ReloadOnFailedWrite.WriteAsync(() => state.WriteStateAsync(cancellationToken), reload);

    /// <summary>
    /// What a removed site still shows until <paramref name="retention"/> is up; after that the site is forgotten
    /// (<see cref="ClearAsync"/>) and this is null, as it is for a site that was never removed.
    /// </summary>
    public async Task<SiteSnapshot?> RemovedSnapshotAsync(string siteId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (state.State is not { Settings: { } removed, RemovedAt: { } removedAt })
        {
            return null;
        }

        if (SiteRegistration.IsExpired(removedAt, now, retention))
        {
            await ClearAsync(cancellationToken);
            return null;
        }

        return SiteRegistration.RemovedSnapshot(siteId, removed, removedAt, now);
    }

    /// <summary>Forgets the site altogether (removed longer ago than the retention): its record goes from storage.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await state.ClearStateAsync(cancellationToken);
        state.State = new SiteState();
    }
}

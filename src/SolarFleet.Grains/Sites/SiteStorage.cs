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

    /// <summary>Forgets the site altogether (removed longer ago than the retention): its record goes from storage.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await state.ClearStateAsync(cancellationToken);
        state.State = new SiteState();
    }
}

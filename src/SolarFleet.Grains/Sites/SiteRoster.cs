using SolarFleet.Abstractions.Inverters;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// The rules of a site's inverter list in its <see cref="SiteState"/>: which inverters it has, and which removed ones it
/// still remembers because reports read their most recent ledger dates from them.
/// </summary>
/// <remarks>Free of Orleans; the grain writes the state when a method says it changed.</remarks>
public sealed class SiteRoster(TimeProvider time, int ledgerDaysInState)
{
    /// <summary>Puts an inverter on the site (back, if it was removed lately); false when it holds these settings already.</summary>
    public static bool Upsert(SiteState state, string inverterId, InverterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Inverters.TryGetValue(inverterId, out var held) && held == settings)
        {
            return false;
        }

        state.Inverters[inverterId] = settings;
        state.RemovedInverters.Remove(inverterId);
        return true;
    }

    /// <summary>
    /// Makes the site's inverters exactly <paramref name="inverters"/>; <paramref name="removed"/> are those it had and
    /// now has not. False when nothing changed.
    /// </summary>
    public bool Replace(SiteState state, IReadOnlyDictionary<string, InverterSettings> inverters, out IReadOnlyList<string> removed)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inverters);
        var gone = state.Inverters.Keys.Where(inverterId => !inverters.ContainsKey(inverterId)).ToList();
        removed = gone;
        if (gone.Count == 0 && inverters.All(pair => state.Inverters.TryGetValue(pair.Key, out var held) && held == pair.Value))
        {
            return false;
        }

        Forget(state, gone);
        state.Inverters = new Dictionary<string, InverterSettings>(inverters, StringComparer.Ordinal);
        foreach (var inverterId in inverters.Keys)
        {
            state.RemovedInverters.Remove(inverterId);
        }

        return true;
    }

    /// <summary>Takes inverters off the site, remembering them while they hold ledger dates that reports still read from them.</summary>
    public void Forget(SiteState state, IReadOnlyCollection<string> inverterIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inverterIds);
        var now = time.GetUtcNow();
        foreach (var inverterId in inverterIds)
        {
            state.Inverters.Remove(inverterId);
            state.RemovedInverters[inverterId] = now;
        }

        // An inverter holds its last few dates; once those are over by a day more, they are in the store for certain.
        var holdFor = TimeSpan.FromDays(ledgerDaysInState + 1);
        foreach (var (inverterId, removedAt) in state.RemovedInverters.ToList())
        {
            if (now - removedAt > holdFor)
            {
                state.RemovedInverters.Remove(inverterId);
            }
        }
    }

    /// <summary>The inverters that may hold ledger dates of the site: its own and those removed lately.</summary>
    public static IReadOnlyList<string> LedgerHolders(SiteState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Inverters.Keys.Concat(state.RemovedInverters.Keys).Distinct(StringComparer.Ordinal).ToList();
    }
}

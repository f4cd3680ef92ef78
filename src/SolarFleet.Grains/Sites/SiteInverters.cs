using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Validation;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// A site's inverters: changes to its list (by the rules of <see cref="SiteRoster"/>, written before the inverters are
/// told), the calls to its inverter grains, and dropping the summaries of those it no longer has. A site has a handful
/// of inverters, so each fan-out calls them all at once. Every call is safe to repeat: an inverter ignores a
/// configuration it holds and a removal it has done.
/// </summary>
/// <remarks>Each method that takes the site's settings is for a live site; the grain checks that first.</remarks>
public sealed class SiteInverters(IGrainFactory grains, string siteId, SiteStorage storage, SiteRoster roster, SiteRollup rollup)
{
    private Dictionary<string, InverterSettings> Held => storage.State.Inverters;

    /// <summary>Puts an inverter on the site and configures it; true when the site did not have it.</summary>
    public async Task<bool> UpsertAsync(SiteSettings site, string inverterId, InverterSettings settings, CancellationToken cancellationToken)
    {
        RegistrationRules.ValidateInverterId(inverterId);
        RegistrationRules.ValidateSettings(settings);
        var isNew = !Held.ContainsKey(inverterId);
        if (SiteRoster.Upsert(storage.State, inverterId, settings))
        {
            await storage.WriteAsync(cancellationToken);
        }

        // Always passed on: the inverter ignores a repeat, and a repeat heals an inverter that missed an earlier call.
        await ConfigureAsync(site, inverterId, settings);
        return isNew;
    }

    /// <summary>Takes an inverter off the site and removes it; true when the site had it.</summary>
    public async Task<bool> RemoveAsync(string inverterId, CancellationToken cancellationToken)
    {
        RegistrationRules.ValidateInverterId(inverterId);
        var known = Held.ContainsKey(inverterId);
        if (known)
        {
            roster.Forget(storage.State, [inverterId]);
            await storage.WriteAsync(cancellationToken);
        }

        // Always passed on: a repeat heals an inverter whose own removal failed after the site had forgotten it.
        await Inverter(inverterId).Remove();
        if (known)
        {
            rollup.Remove(inverterId);
        }

        return known;
    }

    /// <summary>
    /// Makes the site's inverters exactly <paramref name="inverters"/>, removing the others and configuring these;
    /// true when the list changed.
    /// </summary>
    public async Task<bool> ReplaceAsync(SiteSettings site, IReadOnlyDictionary<string, InverterSettings> inverters, CancellationToken cancellationToken)
    {
        foreach (var (inverterId, settings) in inverters)
        {
            RegistrationRules.ValidateInverterId(inverterId);
            RegistrationRules.ValidateSettings(settings, $"inverters[{inverterId}]");
        }

        var changed = roster.Replace(storage.State, inverters, out var removed);
        if (changed)
        {
            await storage.WriteAsync(cancellationToken);
        }

        var calls = removed.Select(inverterId => Inverter(inverterId).Remove())
            .Concat(inverters.Select(pair => ConfigureAsync(site, pair.Key, pair.Value)));
        await Task.WhenAll(calls);
        foreach (var inverterId in removed)
        {
            rollup.Remove(inverterId);
        }

        return changed;
    }

    /// <summary>Configures every inverter of the site again: their dates and coverage slots are in its zone, their daylight is its.</summary>
    public Task ConfigureAllAsync(SiteSettings site) => Task.WhenAll(Held.Select(pair => ConfigureAsync(site, pair.Key, pair.Value)));

    /// <summary>Removes every inverter of the site (from its list too, by <see cref="ForgetAll"/>, when the site goes).</summary>
    public async Task RemoveAllAsync()
    {
        if (Held.Count > 0)
        {
            await Task.WhenAll(Held.Keys.Select(inverterId => Inverter(inverterId).Remove()));
        }
    }

    /// <summary>Takes every inverter off the site's list, kept as removed lately; the caller writes the state.</summary>
    public void ForgetAll() => roster.Forget(storage.State, Held.Keys.ToList());

    /// <summary>Wakes the site's inverters (each resumes polling and sends its summary); returns how many were asked.</summary>
    public async Task<int> WakeAllAsync()
    {
        var inverterIds = Held.Keys.ToList();
        await Task.WhenAll(inverterIds.Select(inverterId => Inverter(inverterId).Wake()));
        return inverterIds.Count;
    }

    /// <summary>The ledger rows between the dates that the site's inverters, and those removed lately, hold in their state.</summary>
    public async Task<IReadOnlyList<DailyEnergy>> HeldLedgerAsync(DateOnly from, DateOnly to)
    {
        var inverterIds = SiteRoster.LedgerHolders(storage.State);
        if (inverterIds.Count == 0)
        {
            return [];
        }

        var held = await Task.WhenAll(inverterIds.Select(inverterId => Inverter(inverterId).GetHeldLedger(from, to)));
        return held.SelectMany(rows => rows).ToList();
    }

    private Task ConfigureAsync(SiteSettings site, string inverterId, InverterSettings settings) =>
        Inverter(inverterId).Configure(new InverterRegistration(siteId, inverterId, site.TimeZone, settings, site.Latitude, site.Longitude));

    private IInverterGrain Inverter(string inverterId) => grains.GetGrain<IInverterGrain>(InverterKey.Of(siteId, inverterId));
}

using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;

namespace SolarFleet.Abstractions.Sites;

/// <summary>A home with its inverters, keyed by site id. Aggregates what its inverters push; never polls them on a read.</summary>
[Alias("solarfleet.site")]
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Creates or changes the site; idempotent. A time zone change is passed to its inverters.</summary>
    [Alias("configure")]
    Task Configure(SiteSettings settings);

    /// <summary>
    /// Removes the site and all its inverters: polling stops and live views no longer show it, while its energy
    /// history stays reachable for the retention period; idempotent. Configuring the id again brings it back.
    /// </summary>
    [Alias("remove")]
    Task Remove();

    /// <summary>Null when the site does not exist; a removed site (within the retention) has <see cref="SiteSnapshot.RemovedAt"/>.</summary>
    [Alias("snapshot"), AlwaysInterleave]
    Task<SiteSnapshot?> GetSnapshot();

    /// <summary>Registers or changes one inverter of this site. Fails if the site does not exist.</summary>
    [Alias("upsert-inverter")]
    Task UpsertInverter(string inverterId, InverterSettings settings);

    /// <summary>Removes one inverter; returns false if the site had no such inverter.</summary>
    [Alias("remove-inverter")]
    Task<bool> RemoveInverter(string inverterId);

    /// <summary>Makes the site's inverters exactly these (used by the bulk fleet document).</summary>
    [Alias("replace-inverters")]
    Task ReplaceInverters(IReadOnlyDictionary<string, InverterSettings> inverters);

    /// <summary>An inverter's pushed summary (the reduce step).</summary>
    [Alias("report"), OneWay]
    Task Report(InverterSummary summary);

    /// <summary>The ledger rows its inverters still hold within a range of site-local dates (see <see cref="IInverterGrain.GetHeldLedger"/>).</summary>
    [Alias("held-ledger"), AlwaysInterleave]
    Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to);

    [Alias("problems"), AlwaysInterleave]
    Task<IReadOnlyList<Problem>> GetProblems();

    /// <summary>Asks the site to push its report to the fleet again (a re-activated fleet refills itself this way).</summary>
    [Alias("resend-report"), OneWay]
    Task ResendReport();

    /// <summary>Wakes each of its inverters (<see cref="IInverterGrain.Wake"/>); returns how many it has, once all are awake.</summary>
    [Alias("wake-inverters")]
    Task<int> WakeInverters();
}

using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Abstractions.Inverters;

/// <summary>
/// One Pi/inverter, keyed by <see cref="InverterKey"/> ("siteId/inverterId"). It owns its poll timer,
/// its connection settings and its decoded state.
/// </summary>
[Alias("solarfleet.inverter")]
public interface IInverterGrain : IGrainWithStringKey
{
    /// <summary>Registers or changes the inverter; takes effect at once and is idempotent.</summary>
    [Alias("configure")]
    Task Configure(InverterRegistration registration);

    /// <summary>Stops polling and forgets the registration (the ledger's recent dates are kept for a re-add); idempotent.</summary>
    [Alias("remove")]
    Task Remove();

    /// <summary>The current state; answers at once, even while a poll waits on a slow Pi.</summary>
    [Alias("snapshot"), AlwaysInterleave]
    Task<InverterSnapshot?> GetSnapshot();

    /// <summary>
    /// The ledger rows this inverter still holds (its most recent dates) within a range of site-local dates
    /// (inclusive). Older dates, and inverters since removed, are in the ledger store.
    /// </summary>
    [Alias("held-ledger"), AlwaysInterleave]
    Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to);

    /// <summary>Asks the inverter to push its current summary to its site again (a re-activated site refills itself this way).</summary>
    [Alias("resend-summary"), OneWay]
    Task ResendSummary();

    /// <summary>
    /// Makes sure a registered inverter is active and polling, and pushes its summary again; returns once it is. What its
    /// reminder does, asked for at once when the silo that hosted it was lost (see <see cref="Sites.ISiteGrain.WakeInverters"/>).
    /// </summary>
    [Alias("wake")]
    Task Wake();
}

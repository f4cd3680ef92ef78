using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// Where daily ledger rows go and come back from. Writes are fire-and-forget into a bounded buffer and
/// idempotent: a row for an inverter and date never lowers the energy already stored.
/// </summary>
public interface IEnergyLedgerStore
{
    /// <summary>Queues a row for writing; never blocks a grain and never throws for a storage outage.</summary>
    void Upsert(DailyEnergy row);

    /// <summary>Rows for the given site (or every site when null) with dates in [from, to], ordered by site, inverter, date.</summary>
    IAsyncEnumerable<DailyEnergy> QueryAsync(string? siteId, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

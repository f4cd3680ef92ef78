using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// The one way ledger rows are read, by every report. The store has every row an inverter ever handed over, but
/// PostgreSQL gets them a flush late; the inverters hold their most recent dates themselves. So recent dates are read
/// from the inverters, those removed lately included (merged with what the store has, by the same rule the store merges
/// writes with), older dates from the store: today's energy in a report is the inverter's own.
/// </summary>
public sealed class LedgerReader(IGrainFactory grains, IEnergyLedgerStore store, IOptions<SolarFleetGrainOptions> options)
{
    /// <summary>Every row of a site's inverters, present and past, with dates in [from, to]; by inverter, then date.</summary>
    /// <param name="siteToday">The site's today, which tells which dates the inverters still hold.</param>
    public async Task<IReadOnlyList<DailyEnergy>> SiteRowsAsync(string siteId, DateOnly from, DateOnly to, DateOnly siteToday, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string InverterId, DateOnly Date), DailyEnergy>();
        await foreach (var row in store.QueryAsync(siteId, from, to, cancellationToken))
        {
            rows[(row.InverterId, row.Date)] = row;
        }

        var heldFrom = siteToday.AddDays(-options.Value.LedgerDaysInState);
        if (to >= heldFrom)
        {
            var held = await grains.GetGrain<ISiteGrain>(siteId).GetHeldLedger(from > heldFrom ? from : heldFrom, to);
            foreach (var row in held)
            {
                var key = (row.InverterId, row.Date);
                rows[key] = rows.TryGetValue(key, out var stored) ? DailyEnergyMerge.Merge(stored, row) : row;
            }
        }

        var result = rows.Values.ToList();
        result.Sort(static (a, b) =>
        {
            var byInverter = string.CompareOrdinal(a.InverterId, b.InverterId);
            return byInverter != 0 ? byInverter : a.Date.CompareTo(b.Date);
        });
        return result;
    }
}

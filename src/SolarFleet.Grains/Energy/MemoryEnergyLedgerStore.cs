using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// The embedded default ledger store: every row in memory, per site, merged on upsert so a retried or reordered
/// write never lowers the energy of a day. Lost when the silo stops.
/// </summary>
public sealed class MemoryEnergyLedgerStore : IEnergyLedgerStore
{
    private readonly ConcurrentDictionary<string, SiteRows> _sites = new(StringComparer.Ordinal);

    public void Upsert(DailyEnergy row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _sites.GetOrAdd(row.SiteId, static _ => new SiteRows()).Upsert(row);
    }

    public async IAsyncEnumerable<DailyEnergy> QueryAsync(
        string? siteId,
        DateOnly from,
        DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IEnumerable<string> siteIds = siteId is null
            ? _sites.Keys.Order(StringComparer.Ordinal).ToList()
            : [siteId];
        foreach (var id in siteIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_sites.TryGetValue(id, out var rows))
            {
                foreach (var row in rows.Between(from, to))
                {
                    yield return row;
                }
            }
        }

        await Task.CompletedTask;
    }

    private sealed class SiteRows
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<(string InverterId, DateOnly Date), DailyEnergy> _rows = [];

        public void Upsert(DailyEnergy row)
        {
            var key = (row.InverterId, row.Date);
            lock (_lock)
            {
                _rows[key] = _rows.TryGetValue(key, out var stored) ? DailyEnergyMerge.Merge(stored, row) : row;
            }
        }

        public List<DailyEnergy> Between(DateOnly from, DateOnly to)
        {
            List<DailyEnergy> rows;
            lock (_lock)
            {
                rows = _rows.Values.Where(row => row.Date >= from && row.Date <= to).ToList();
            }

            rows.Sort(static (a, b) =>
            {
                var byInverter = string.CompareOrdinal(a.InverterId, b.InverterId);
                return byInverter != 0 ? byInverter : a.Date.CompareTo(b.Date);
            });
            return rows;
        }
    }
}

using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>
/// Ledger rows coalesced by (site, inverter, date) until the next flush. Bounded by the number of inverter-days
/// seen between flushes, so it never drops anything, even through a long outage.
/// </summary>
internal sealed class LedgerBuffer : BatchBuffer
{
    private Dictionary<LedgerKey, PendingLedgerRow> pending = [];

    protected override int PendingCount => pending.Count;

    public void Add(DailyEnergy row, DateTimeOffset at)
    {
        var key = LedgerKey.Of(row);
        var incoming = new PendingLedgerRow(row, at);
        lock (Gate)
        {
            pending[key] = pending.TryGetValue(key, out var existing) ? PendingLedgerRow.Merge(existing, incoming) : incoming;
        }
    }

    /// <summary>Takes every waiting row for one write; <see cref="BatchBuffer.Complete"/> or <see cref="Return"/> must follow.</summary>
    public List<PendingLedgerRow> TakeAll()
    {
        lock (Gate)
        {
            var batch = pending.Values.ToList();
            pending = [];
            InFlight = batch.Count;
            return batch;
        }
    }

    /// <summary>Puts a batch that failed to write back, merged with anything reported since.</summary>
    public void Return(List<PendingLedgerRow> batch)
    {
        lock (Gate)
        {
            foreach (var row in batch)
            {
                var key = LedgerKey.Of(row.Row);
                pending[key] = pending.TryGetValue(key, out var newer) ? PendingLedgerRow.Merge(row, newer) : row;
            }

            InFlight = 0;
        }
    }
}

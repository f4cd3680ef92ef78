using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>
/// Ledger rows coalesced by (site, inverter, date) until the next flush. Bounded by the number of inverter-days
/// seen between flushes, so it never drops anything, even through a long outage.
/// </summary>
internal sealed class LedgerBuffer
{
    private readonly Lock gate = new();
    private Dictionary<LedgerKey, PendingLedgerRow> pending = [];
    private int inFlight;

    /// <summary>Rows waiting, including a batch being written right now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending.Count + inFlight;
            }
        }
    }

    public void Add(DailyEnergy row, DateTimeOffset at)
    {
        var key = LedgerKey.Of(row);
        var incoming = new PendingLedgerRow(row, at);
        lock (gate)
        {
            pending[key] = pending.TryGetValue(key, out var existing) ? PendingLedgerRow.Merge(existing, incoming) : incoming;
        }
    }

    /// <summary>Takes every waiting row for one write; <see cref="Complete"/> or <see cref="Return"/> must follow.</summary>
    public List<PendingLedgerRow> TakeAll()
    {
        lock (gate)
        {
            var batch = pending.Values.ToList();
            pending = [];
            inFlight = batch.Count;
            return batch;
        }
    }

    public void Complete()
    {
        lock (gate)
        {
            inFlight = 0;
        }
    }

    /// <summary>Puts a batch that failed to write back, merged with anything reported since.</summary>
    public void Return(List<PendingLedgerRow> batch)
    {
        lock (gate)
        {
            foreach (var row in batch)
            {
                var key = LedgerKey.Of(row.Row);
                pending[key] = pending.TryGetValue(key, out var newer) ? PendingLedgerRow.Merge(row, newer) : row;
            }

            inFlight = 0;
        }
    }
}

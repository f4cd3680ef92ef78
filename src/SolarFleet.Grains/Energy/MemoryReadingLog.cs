namespace SolarFleet.Grains.Energy;

/// <summary>
/// The embedded default reading log: the most recent readings in a fixed-size ring; older ones are overwritten.
/// Each site's positions in the ring are indexed, so reading one site's power touches only that site's readings: a
/// site page used to copy and scan the whole ring (a megabyte at the default capacity) on every view.
/// </summary>
public sealed class MemoryReadingLog : IReadingLog
{
    private readonly Lock _lock = new();
    private readonly InverterReadingRecord[] _ring;
    private readonly Dictionary<string, Queue<long>> _bySite = new(StringComparer.Ordinal);
    private long _appended;

    public MemoryReadingLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new InverterReadingRecord[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>Readings appended since start, including those overwritten since.</summary>
    public long Appended
    {
        get
        {
            lock (_lock)
            {
                return _appended;
            }
        }
    }

    public void Append(InverterReadingRecord reading)
    {
        lock (_lock)
        {
            var position = _appended % _ring.Length;
            if (_appended >= _ring.Length)
            {
                // The reading overwritten is the oldest held, so it is also the oldest of its own site.
                var siteId = _ring[position].SiteId;
                var positions = _bySite[siteId];
                positions.Dequeue();
                if (positions.Count == 0)
                {
                    _bySite.Remove(siteId);
                }
            }

            _ring[position] = reading;
            if (!_bySite.TryGetValue(reading.SiteId, out var held))
            {
                held = new Queue<long>();
                _bySite[reading.SiteId] = held;
            }

            held.Enqueue(_appended);
            _appended++;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PowerSlot> PowerAsync(
        string siteId, IReadOnlyList<string> inverterIds, DateTimeOffset from, DateTimeOffset to, TimeSpan slot, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slot, TimeSpan.Zero);
        var inverters = inverterIds.ToHashSet(StringComparer.Ordinal);

        // Decimal means, rounded half away from zero: the same figures as PostgreSQL's numeric avg and round.
        var slots = OfSite(siteId)
            .Where(r => inverters.Contains(r.InverterId) && r.PolledAt >= from && r.PolledAt < to && r.PowerW is not null)
            .GroupBy(r => ((r.PolledAt - from).Ticks / slot.Ticks, r.InverterId), r => (decimal)r.PowerW!.Value)
            .Select(g => (Slot: g.Key.Item1, Mean: g.Average()))
            .GroupBy(m => m.Slot, m => m.Mean)
            .OrderBy(g => g.Key)
            .Select(g => new PowerSlot(from + slot * g.Key, (long)Math.Round(g.Sum(), MidpointRounding.AwayFromZero), g.Count()));
        return slots.ToAsyncEnumerable();
    }

    /// <summary>The readings held, oldest first.</summary>
    public IReadOnlyList<InverterReadingRecord> Recent()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_appended, _ring.Length);
            var result = new InverterReadingRecord[count];
            var start = _appended - count;
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(start + i) % _ring.Length];
            }

            return result;
        }
    }

    /// <summary>One site's readings held, oldest first.</summary>
    public IReadOnlyList<InverterReadingRecord> OfSite(string siteId)
    {
        lock (_lock)
        {
            if (!_bySite.TryGetValue(siteId, out var positions))
            {
                return [];
            }

            var result = new InverterReadingRecord[positions.Count];
            var i = 0;
            foreach (var position in positions)
            {
                result[i++] = _ring[position % _ring.Length];
            }

            return result;
        }
    }
}

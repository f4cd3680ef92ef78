using System.Diagnostics.Metrics;

namespace SolarFleet.Silo.Telemetry;

/// <summary>
/// Gauges labelled by an open-ended key (a site, an inverter). The metrics SDK keeps a slot for every label set it
/// has seen until its instrument goes away, so series of removed keys would fill the cardinality limit and shut out
/// new ones. When the keys seen since the instruments were made would exceed the limit, this disposes its meter,
/// waits for two collections (the SDK drops a disposed instrument's stream at the next one) and makes new
/// instruments with fresh slots. The series are missing for those collections only.
/// </summary>
public sealed class RecyclingGauges<T> : IDisposable
{
    private readonly string _meterName;
    private readonly object? _scope;
    private readonly int _limit;
    private readonly Func<T, string> _key;
    private readonly Action<Meter, Func<IReadOnlyList<T>>> _create;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile IReadOnlyList<T> _items = [];
    private Meter? _meter;
    private long _drainingSince = -1;
    private int _generation;

    /// <param name="meterName">The meter the gauges belong to.</param>
    /// <param name="scope">The host's meter factory, which owns the meter in the SDK's eyes.</param>
    /// <param name="limit">Most keys the gauges carry; the items published must not exceed it.</param>
    /// <param name="key">The item's label set as one string.</param>
    /// <param name="create">Makes the gauges on a meter, reading the current items.</param>
    public RecyclingGauges(string meterName, object? scope, int limit, Func<T, string> key, Action<Meter, Func<IReadOnlyList<T>>> create)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _meterName = meterName;
        _scope = scope;
        _limit = limit;
        _key = key;
        _create = create;
        _meter = NewMeter();
    }

    /// <summary>Times the instruments were remade.</summary>
    public int Recycled => Volatile.Read(ref _generation) - 1;

    /// <summary>
    /// Sets what the gauges report. <paramref name="collections"/> counts the SDK's collections so far (any observable
    /// instrument's callback can count them); it tells when a disposed meter's streams are gone.
    /// </summary>
    public void Publish(IReadOnlyList<T> items, long collections)
    {
        if (items.Count > _limit)
        {
            throw new ArgumentException($"{items.Count} items exceed the limit of {_limit}.", nameof(items));
        }

        lock (_lock)
        {
            if (_meter is null)
            {
                if (collections < _drainingSince + 2)
                {
                    return;
                }

                _seen.Clear();
                _meter = NewMeter();
                _drainingSince = -1;
            }

            var fresh = items.Count(item => !_seen.Contains(_key(item)));
            if (_seen.Count + fresh > _limit)
            {
                _items = [];
                _meter.Dispose();
                _meter = null;
                _drainingSince = collections;
                return;
            }

            foreach (var item in items)
            {
                _seen.Add(_key(item));
            }

            _items = items;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _meter?.Dispose();
            _meter = null;
        }
    }

    private Meter NewMeter()
    {
        // A version of its own per generation keeps the new streams apart from a disposed meter's, should the SDK
        // not have let go of those yet.
        var generation = _generation++;
        var meter = new Meter(new MeterOptions(_meterName) { Version = "g" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture), Scope = _scope });
        _create(meter, () => _items);
        return meter;
    }
}

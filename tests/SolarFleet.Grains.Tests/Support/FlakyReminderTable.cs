using System.Collections.Concurrent;
using System.Globalization;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// An in-memory reminder table that can be told to fail every read and write of one grain's reminders (as a database
/// out of connections fails them), and counts those failures; it can also lose a grain's reminders.
/// </summary>
public sealed class FlakyReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> _rows = new();
    private volatile string? _failKey;
    private int _failures;
    private long _etag;

    /// <summary>The grain key (such as a site id) whose reminder reads and writes fail; null for none.</summary>
    public string? FailKey
    {
        get => _failKey;
        set => _failKey = value;
    }

    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Whether a grain with this key holds a reminder of this name.</summary>
    public bool Holds(string key, string name) => _rows.Keys.Any(row => KeyOf(row.Grain) == key && row.Name == name);

    /// <summary>Drops every reminder of the grains with this key, as if they had never been registered.</summary>
    public void Lose(string key)
    {
        foreach (var row in _rows.Keys.Where(row => KeyOf(row.Grain) == key))
        {
            _rows.TryRemove(row, out _);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Guard(grainId, () => new ReminderTableData(_rows.Values.Where(row => row.GrainId == grainId).ToList()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_rows.Values.Where(row => InRange(row.GrainId.GetUniformHashCode(), begin, end)).ToList()));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Guard(grainId, () => _rows.GetValueOrDefault((grainId, reminderName)));

    public Task<string?> UpsertRow(ReminderEntry entry) =>
        Guard<string?>(entry.GrainId, () =>
        {
            entry.ETag = Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = entry;
            return entry.ETag;
        });

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Guard(grainId, () => _rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag && _rows.TryRemove((grainId, reminderName), out _));

    public Task TestOnlyClearTable()
    {
        _rows.Clear();
        return Task.CompletedTask;
    }

    // (begin, end], wrapping round the ring when begin >= end.
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static string KeyOf(GrainId grain) => grain.Key.ToString()!;

    private Task<T> Guard<T>(GrainId grain, Func<T> run)
    {
        if (KeyOf(grain) == _failKey)
        {
            Interlocked.Increment(ref _failures);
            return Task.FromException<T>(new TimeoutException("Simulated reminder table outage: no connection available."));
        }

        return Task.FromResult(run());
    }
}

using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// Open alerts counted as they open and resolve, per kind, severity and site, so that counting them for the metrics
/// never walks the alerts. Not thread-safe: the memory store calls it under its lock.
/// </summary>
internal sealed class OpenAlertTally
{
    private readonly Dictionary<(AlertKind Kind, AlertSeverity Severity, string SiteId), long> _open = [];

    public void Opened(Alert alert) => Add(Key(alert), 1);

    public void Resolved(Alert alert) => Add(Key(alert), -1);

    public IReadOnlyList<OpenAlertCount> Counts() =>
        [.. _open
            .GroupBy(entry => (entry.Key.Kind, entry.Key.Severity))
            .Select(group => new OpenAlertCount(group.Key.Kind, group.Key.Severity, group.Sum(entry => entry.Value), group.LongCount()))];

    public IReadOnlySet<string> SitesWith(AlertKind kind) =>
        _open.Keys.Where(key => key.Kind == kind).Select(key => key.SiteId).ToHashSet(StringComparer.Ordinal);

    private static (AlertKind, AlertSeverity, string) Key(Alert alert) => (alert.Kind, alert.Severity, alert.SiteId);

    private void Add((AlertKind, AlertSeverity, string) key, long delta)
    {
        var count = _open.GetValueOrDefault(key) + delta;
        if (count > 0)
        {
            _open[key] = count;
        }
        else
        {
            // A site without open alerts of a kind leaves no entry, so the tally stays as small as what is open.
            _open.Remove(key);
        }
    }
}

using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Dashboard.Alerts;

/// <summary>
/// Open alerts counted by kind, and the sites that have one of a kind, read from the alert store (the API's read path)
/// page by page up to <see cref="CountLimit"/> per kind, beyond which a count shows as "at least".
/// </summary>
public sealed class OpenAlerts(IAlertStore store)
{
    public const int CountLimit = 5000;
    private const int PageSize = 500;

    /// <summary>Every kind with at least one open alert, and whether its count reached the limit.</summary>
    public async Task<IReadOnlyList<OpenAlertCount>> CountByKindAsync(CancellationToken cancellationToken)
    {
        var counts = new List<OpenAlertCount>();
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            var (alerts, more) = await ReadAsync(kind, cancellationToken);
            if (alerts.Count > 0)
            {
                counts.Add(new OpenAlertCount(kind, alerts.Count, more));
            }
        }

        return counts;
    }

    /// <summary>The ids of sites with an open alert of this kind.</summary>
    public async Task<IReadOnlySet<string>> SitesWithAsync(AlertKind kind, CancellationToken cancellationToken)
    {
        var (alerts, _) = await ReadAsync(kind, cancellationToken);
        return alerts.Select(a => a.SiteId).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<(List<Alert> Alerts, bool More)> ReadAsync(AlertKind kind, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        AlertCursor? after = null;
        do
        {
            var page = await store.QueryAsync(new AlertQuery(AlertStateFilter.Open, kind, Limit: PageSize, After: after), cancellationToken);
            alerts.AddRange(page.Alerts);
            after = page.Next;
        }
        while (after is not null && alerts.Count < CountLimit);
        return (alerts, after is not null);
    }
}

/// <summary>How many alerts of a kind are open; <see cref="AtLeast"/> when there are more than were counted.</summary>
public sealed record OpenAlertCount(AlertKind Kind, int Count, bool AtLeast);

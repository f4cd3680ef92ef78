using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Dashboard.Alerts;

/// <summary>
/// Open alerts as the dashboard reads them: counted by kind (the alert store's own exact count, the one the metrics
/// export too), and the sites that have one of a kind, read page by page up to <see cref="SitesLimit"/> alerts.
/// </summary>
public sealed class OpenAlerts(IAlertStore store)
{
    public const int SitesLimit = 5000;
    private const int PageSize = 500;

    /// <summary>Every kind with at least one open alert, in the catalogue's order.</summary>
    public async Task<IReadOnlyList<OpenAlertCount>> CountByKindAsync(CancellationToken cancellationToken) =>
        (await store.CountOpenAsync(cancellationToken)).Where(c => c.Alerts > 0).OrderBy(c => c.Kind).ThenBy(c => c.Severity).ToList();

    /// <summary>The ids of sites with an open alert of this kind.</summary>
    public async Task<IReadOnlySet<string>> SitesWithAsync(AlertKind kind, CancellationToken cancellationToken)
    {
        var sites = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        AlertCursor? after = null;
        do
        {
            var page = await store.QueryAsync(new AlertQuery(AlertStateFilter.Open, kind, Limit: PageSize, After: after), cancellationToken);
            sites.UnionWith(page.Alerts.Select(a => a.SiteId));
            read += page.Alerts.Count;
            after = page.Next;
        }
        while (after is not null && read < SitesLimit);
        return sites;
    }
}

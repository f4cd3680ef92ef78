using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Dashboard.Alerts;

/// <summary>
/// Open alerts as the dashboard reads them, both from the alert store's own aggregates (the ones the metrics export
/// too): counted by kind, and the sites that have one of a kind, however many are open.
/// </summary>
public sealed class OpenAlerts(IAlertStore store)
{
    /// <summary>Every kind with at least one open alert (the store leaves the others out), in the catalogue's order.</summary>
    public async Task<IReadOnlyList<OpenAlertCount>> CountByKindAsync(CancellationToken cancellationToken) =>
        (await store.CountOpenAsync(cancellationToken)).OrderBy(c => c.Kind).ThenBy(c => c.Severity).ToList();

    /// <summary>The ids of sites with an open alert of this kind.</summary>
    public Task<IReadOnlySet<string>> SitesWithAsync(AlertKind kind, CancellationToken cancellationToken) =>
        store.SitesWithOpenAsync(kind, cancellationToken);
}

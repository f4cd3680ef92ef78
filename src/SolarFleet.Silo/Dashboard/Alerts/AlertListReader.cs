using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api.Alerts;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Alerts;

/// <summary>
/// A page of the alerts list, checked by the API's own query rules (<see cref="AlertListQuery"/>), with each live
/// site's time zone for showing times on its clock.
/// </summary>
public sealed class AlertListReader(IAlertStore store, FleetReads reads)
{
    public async Task<(AlertPage Page, IReadOnlyDictionary<string, string> Zones, ValidationErrors Errors)> ReadAsync(AlertQueryParameters parameters, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var sites = reads.SitesAsync();
        var query = AlertListQuery.Parse(parameters, siteId: null, errors) ?? new AlertQuery(Limit: 50);
        var page = await store.QueryAsync(query with { Limit = Math.Min(query.Limit, 50) }, cancellationToken);
        var zones = (await sites).ToDictionary(s => s.SiteId, s => s.TimeZone, StringComparer.Ordinal);
        return (page, zones, errors);
    }

    public Task<Alert?> AcknowledgeAsync(string alertId, string by, TimeProvider time, CancellationToken cancellationToken) =>
        store.AcknowledgeAsync(alertId, by, time.GetUtcNow(), cancellationToken);
}

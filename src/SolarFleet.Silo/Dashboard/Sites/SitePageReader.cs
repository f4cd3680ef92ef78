using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Api.Power;
using SolarFleet.Silo.Dashboard.Energy;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>
/// Reads a site's page through the API's read paths: the site and its inverters, the alert store, the power curve and
/// the energy report.
/// </summary>
public sealed class SitePageReader(FleetReads reads, IAlertStore alerts, PowerCurves power, RecentEnergy energy)
{
    public const int RecentAlerts = 50;

    /// <summary>Null for a site that does not exist or was removed.</summary>
    public async Task<SitePage?> ReadAsync(string siteId, CancellationToken cancellationToken)
    {
        if (await reads.LiveSiteAsync(siteId) is not { } site)
        {
            return null;
        }

        var zone = site.Settings.TimeZone;
        var inverters = reads.InvertersAsync(site);
        var recent = alerts.QueryAsync(new AlertQuery(AlertStateFilter.All, SiteId: siteId, Limit: RecentAlerts), cancellationToken);
        var curve = power.DayAsync(site, date: null, cancellationToken);
        var days = energy.DaysAsync(siteId, zone, cancellationToken);
        var months = energy.MonthsAsync(siteId, zone, cancellationToken);
        return new SitePage(site, await inverters, (await recent).Alerts, await curve, await days, await months);
    }
}

using SolarFleet.Silo.Dashboard.Alerts;
using SolarFleet.Silo.Dashboard.Display;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>Reads one page of the sites list from the query string's words; unknown words fall back to no filter.</summary>
public sealed class SiteListReader(FleetReads reads, OpenAlerts alerts)
{
    public static SiteListQuery Parse(string? search, string? health, string? kind, string? sort, int? page) => new(
        search,
        health == "attention" ? SiteHealthFilter.Attention : Labels.ParseHealth(health) is { } state ? new SiteHealthFilter(state) : null,
        Labels.ParseKind(kind),
        Enum.TryParse<SiteSort>(sort, ignoreCase: true, out var order) && Enum.IsDefined(order) ? order : SiteSort.Attention,
        page ?? 1);

    public async Task<SiteListPage> ReadAsync(SiteListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sites = reads.SitesAsync();
        var withAlert = query.AlertKind is { } kind ? await alerts.SitesWithAsync(kind, cancellationToken) : null;
        return SiteList.Select(await sites, query, withAlert);
    }
}

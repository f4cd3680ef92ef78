using System.Runtime.CompilerServices;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>
/// Filters, orders and pages the fleet's site roll-ups in the silo, so a browser receives one page of 25 rows whether
/// the fleet has 3 sites or 10,000.
/// </summary>
public static class SiteList
{
    // Orders of a list already sorted, by sort: readers share one list for a moment (see FleetReads), and sorting
    // 10,000 names for each request was most of a request's cost.
    private static readonly ConditionalWeakTable<IReadOnlyList<SiteSummary>, SiteSummary[]?[]> Orders = new();

    /// <param name="sitesWithAlert">Ids of sites with an open alert of the query's kind; only read when it names one.</param>
    public static SiteListPage Select(IReadOnlyList<SiteSummary> sites, SiteListQuery query, IReadOnlySet<string>? sitesWithAlert = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(query);
        var ordered = Ordered(sites, query.Sort);
        var keep = Filter(query, sitesWithAlert);

        // Counted, then only the page's rows taken: a list of every match would be 10,000 rows per request, on the
        // large object heap, and its collections stalled the silo under load.
        var matched = 0;
        foreach (var site in ordered)
        {
            matched += keep(site) ? 1 : 0;
        }

        var pages = Math.Max(1, (matched + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var skip = (page - 1) * query.PageSize;
        var rows = new List<SiteSummary>(Math.Min(query.PageSize, matched));
        foreach (var site in ordered)
        {
            if (rows.Count == query.PageSize)
            {
                break;
            }

            if (keep(site) && skip-- <= 0)
            {
                rows.Add(site);
            }
        }

        return new SiteListPage(rows.ToArray(), matched, page, pages);
    }

    private static Func<SiteSummary, bool> Filter(SiteListQuery query, IReadOnlySet<string>? sitesWithAlert)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var health = query.Health;
        var kind = query.AlertKind;
        return s => (search is null || s.SiteId.Contains(search, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            && (health is null || (health.State is { } state ? s.Health.Of(state) > 0 : SiteHealth.NeedingAttention(s.Health) > 0))
            && (kind is null || sitesWithAlert?.Contains(s.SiteId) == true);
    }

    private static SiteSummary[] Ordered(IReadOnlyList<SiteSummary> sites, SiteSort sort)
    {
        var orders = Orders.GetValue(sites, _ => new SiteSummary[]?[Enum.GetValues<SiteSort>().Length]);

        // Two readers may both sort the same list at once: each gets the same order, and either result may stay.
        return orders[(int)sort] ??= Order(sites, sort).ToArray();
    }

    private static IEnumerable<SiteSummary> Order(IEnumerable<SiteSummary> sites, SiteSort sort) => sort switch
    {
        SiteSort.Name => sites.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.Power => sites.OrderByDescending(s => s.PowerW).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.EnergyToday => sites.OrderByDescending(s => s.EnergyTodayWh).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.Yield => sites.OrderBy(s => s.YieldToday ?? double.PositiveInfinity).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.LastSeen => sites.OrderByDescending(s => s.UpdatedAt ?? DateTimeOffset.MinValue).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        _ => sites.OrderByDescending(s => SiteHealth.NeedingAttention(s.Health))
            .ThenByDescending(s => s.Health.Fault)
            .ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(s => s.SiteId, StringComparer.Ordinal),
    };
}

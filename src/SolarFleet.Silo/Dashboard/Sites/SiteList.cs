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
        IEnumerable<SiteSummary> matched = Ordered(sites, query.Sort);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            matched = matched.Where(s => s.SiteId.Contains(search, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        if (query.Health is { } health)
        {
            matched = health.State is { } state
                ? matched.Where(s => s.Health.Of(state) > 0)
                : matched.Where(s => SiteHealth.NeedingAttention(s.Health) > 0);
        }

        if (query.AlertKind is not null)
        {
            matched = matched.Where(s => sitesWithAlert?.Contains(s.SiteId) == true);
        }

        var ordered = matched.ToList();
        var pages = Math.Max(1, (ordered.Count + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        return new SiteListPage(ordered.Skip((page - 1) * query.PageSize).Take(query.PageSize).ToArray(), ordered.Count, page, pages);
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

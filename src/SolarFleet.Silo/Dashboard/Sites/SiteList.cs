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

        // Without a filter (most pages) every site matches and the page is a slice. With one, matches are counted and
        // then only the page's rows taken: a list of every match would be 10,000 rows per request, on the large object
        // heap, and its collections stalled the silo under load.
        var matched = keep is null ? ordered.Length : ordered.Count(keep);
        var pages = Math.Max(1, (matched + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var skip = (page - 1) * query.PageSize;
        var rows = keep is null
            ? ordered.AsSpan(skip, Math.Min(query.PageSize, matched - skip)).ToArray()
            : ordered.Where(keep).Skip(skip).Take(query.PageSize).ToArray();
        return new SiteListPage(rows, matched, page, pages);
    }

    /// <summary>The query's filter, or null when it has none.</summary>
    private static Func<SiteSummary, bool>? Filter(SiteListQuery query, IReadOnlySet<string>? sitesWithAlert)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var health = query.Health;
        var kind = query.AlertKind;
        if (search is null && health is null && kind is null)
        {
            return null;
        }

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

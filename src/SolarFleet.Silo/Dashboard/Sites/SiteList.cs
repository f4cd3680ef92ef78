using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>
/// Filters, orders and pages the fleet's site roll-ups in the silo, so a browser receives one page of 25 rows whether
/// the fleet has 3 sites or 10,000.
/// </summary>
public static class SiteList
{
    // What one shared list (see FleetReads) has been turned into so far: its orders, and the matches of each order and
    // health filter. Readers share a list for about a second; at 10,000 sites, sorting it or filtering it for every
    // request was most of a request's cost (the overview alone asks for the sites needing attention on every view).
    private static readonly ConditionalWeakTable<IReadOnlyList<SiteSummary>, Derived> Cache = new();

    /// <param name="sitesWithAlert">Ids of sites with an open alert of the query's kind; only read when it names one.</param>
    public static SiteListPage Select(IReadOnlyList<SiteSummary> sites, SiteListQuery query, IReadOnlySet<string>? sitesWithAlert = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(query);
        var derived = Cache.GetValue(sites, list => new Derived(list));
        var ordered = derived.Ordered(query.Sort);
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        if (search is null && query.AlertKind is null)
        {
            // Every site, or those of a health filter: a slice of a list kept for this shared list.
            var matches = query.Health is { } health ? derived.Matches(query.Sort, health) : ordered;
            return Page(query, matches.Length, skip => matches.AsSpan(skip, Math.Min(query.PageSize, matches.Length - skip)).ToArray());
        }

        // A search or an alert kind: any text, so nothing is kept. One pass notes where the matches are (a pooled
        // buffer: a list of every match would be 10,000 rows on the large object heap per request).
        var keep = Filter(search, query.Health, query.AlertKind, sitesWithAlert);
        var at = ArrayPool<int>.Shared.Rent(ordered.Length);
        try
        {
            var matched = 0;
            for (var i = 0; i < ordered.Length; i++)
            {
                if (keep(ordered[i]))
                {
                    at[matched++] = i;
                }
            }

            return Page(query, matched, skip =>
            {
                var rows = new SiteSummary[Math.Min(query.PageSize, matched - skip)];
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = ordered[at[skip + i]];
                }

                return rows;
            });
        }
        finally
        {
            ArrayPool<int>.Shared.Return(at);
        }
    }

    private static SiteListPage Page(SiteListQuery query, int matched, Func<int, SiteSummary[]> rowsFrom)
    {
        var pages = Math.Max(1, (matched + query.PageSize - 1) / query.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        return new SiteListPage(rowsFrom((page - 1) * query.PageSize), matched, page, pages);
    }

    private static Func<SiteSummary, bool> Filter(string? search, SiteHealthFilter? health, AlertKind? kind, IReadOnlySet<string>? sitesWithAlert) =>
        s => (search is null || s.SiteId.Contains(search, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            && (health is null || Keeps(health, s))
            && (kind is null || sitesWithAlert?.Contains(s.SiteId) == true);

    private static bool Keeps(SiteHealthFilter health, SiteSummary site) =>
        health.State is { } state ? site.Health.Of(state) > 0 : SiteHealth.NeedingAttention(site.Health) > 0;

    /// <summary>
    /// One shared list's orders and health-filtered matches, each computed when first asked for. Two readers may
    /// compute the same one at once: both get the same result, and either may stay.
    /// </summary>
    private sealed class Derived(IReadOnlyList<SiteSummary> sites)
    {
        private readonly SiteSummary[]?[] _orders = new SiteSummary[]?[Enum.GetValues<SiteSort>().Length];
        private readonly ConcurrentDictionary<(SiteSort, SiteHealthFilter), SiteSummary[]> _matches = new();

        public SiteSummary[] Ordered(SiteSort sort) => _orders[(int)sort] ??= Order(sites, sort).ToArray();

        public SiteSummary[] Matches(SiteSort sort, SiteHealthFilter health) =>
            _matches.GetOrAdd((sort, health), key => Ordered(key.Item1).Where(site => Keeps(key.Item2, site)).ToArray());
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

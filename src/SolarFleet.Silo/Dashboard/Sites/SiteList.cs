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
            // Every site, or those of a health filter: a slice of an order kept for this shared list.
            var matches = query.Health is { } health ? derived.Matches(query.Sort, health) : ordered;
            return Page(query, matches.Length, skip => derived.Rows(matches.AsSpan(skip, Math.Min(query.PageSize, matches.Length - skip))));
        }

        // A search or an alert kind: any text, so nothing is kept. One pass notes where the matches are, in a pooled
        // buffer.
        var keep = Filter(search, query.Health, query.AlertKind, sitesWithAlert);
        var at = ArrayPool<int>.Shared.Rent(ordered.Length);
        try
        {
            var matched = 0;
            foreach (var index in ordered)
            {
                if (keep(derived.Sites[index]))
                {
                    at[matched++] = index;
                }
            }

            return Page(query, matched, skip => derived.Rows(at.AsSpan(skip, Math.Min(query.PageSize, matched - skip))));
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
    /// <remarks>
    /// Orders and matches are positions in the list, not copies of its rows: a row is 144 bytes, so a copy of 10,000
    /// of them is a 1.4 MB array on the large object heap, collected only with gen2, and the dashboard's reads made
    /// several a second (about 26 MB/s at 100,000 inverters, most of the silo's memory growth under reads).
    /// </remarks>
    private sealed class Derived(IReadOnlyList<SiteSummary> sites)
    {
        private readonly int[]?[] _orders = new int[]?[Enum.GetValues<SiteSort>().Length];
        private readonly ConcurrentDictionary<(SiteSort, SiteHealthFilter), int[]> _matches = new();

        /// <summary>The rows themselves: the fleet's view holds an array, so rows are read in place, not copied out.</summary>
        public SiteSummary[] Sites { get; } = sites as SiteSummary[] ?? [.. sites];

        public int[] Ordered(SiteSort sort) => _orders[(int)sort] ??= Order(Sites, sort);

        public int[] Matches(SiteSort sort, SiteHealthFilter health) =>
            _matches.GetOrAdd((sort, health), key => Array.FindAll(Ordered(key.Item1), index => Keeps(key.Item2, Sites[index])));

        public SiteSummary[] Rows(ReadOnlySpan<int> positions)
        {
            var rows = new SiteSummary[positions.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = Sites[positions[i]];
            }

            return rows;
        }
    }

    private static int[] Order(SiteSummary[] sites, SiteSort sort)
    {
        var order = new int[sites.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Every order ends on the site id, so no two sites compare equal and an unstable sort gives one answer.
        Comparison<int> compare = sort switch
        {
            SiteSort.Name => (a, b) => ByName(in sites[a], in sites[b]),
            SiteSort.Power => (a, b) => Then(sites[b].PowerW.CompareTo(sites[a].PowerW), in sites[a], in sites[b]),
            SiteSort.EnergyToday => (a, b) => Then(sites[b].EnergyTodayWh.CompareTo(sites[a].EnergyTodayWh), in sites[a], in sites[b]),
            SiteSort.Yield => (a, b) => Then((sites[a].YieldToday ?? double.PositiveInfinity).CompareTo(sites[b].YieldToday ?? double.PositiveInfinity), in sites[a], in sites[b]),
            SiteSort.LastSeen => (a, b) => Then((sites[b].UpdatedAt ?? DateTimeOffset.MinValue).CompareTo(sites[a].UpdatedAt ?? DateTimeOffset.MinValue), in sites[a], in sites[b]),
            _ => (a, b) => ByAttention(in sites[a], in sites[b]),
        };
        Array.Sort(order, compare);
        return order;
    }

    private static int ByAttention(in SiteSummary x, in SiteSummary y)
    {
        var attention = SiteHealth.NeedingAttention(y.Health).CompareTo(SiteHealth.NeedingAttention(x.Health));
        if (attention != 0)
        {
            return attention;
        }

        var fault = y.Health.Fault.CompareTo(x.Health.Fault);
        return fault != 0 ? fault : ByName(in x, in y);
    }

    private static int ByName(in SiteSummary x, in SiteSummary y) =>
        Then(StringComparer.CurrentCultureIgnoreCase.Compare(x.Name, y.Name), in x, in y);

    private static int Then(int first, in SiteSummary x, in SiteSummary y) =>
        first != 0 ? first : string.CompareOrdinal(x.SiteId, y.SiteId);
}

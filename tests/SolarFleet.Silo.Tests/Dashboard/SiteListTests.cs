using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Dashboard.Sites;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>The sites list is filtered, ordered and paged in the silo, whatever the fleet's size.</summary>
public sealed class SiteListTests
{
    private static readonly SiteSummary[] Sites =
    [
        Site("a-ok", "Anders", power: 3000, health: HealthCounts.Zero with { Online = 2 }),
        Site("b-fault", "Brook", power: 1000, health: HealthCounts.Zero with { Online = 1, Fault = 1 }),
        Site("c-gone", "Chen", power: 0, health: HealthCounts.Zero with { Unreachable = 2 }),
        Site("d-sleep", "Dara", power: 0, health: HealthCounts.Zero with { Asleep = 1 }),
    ];

    [Fact]
    public void Sites_needing_attention_come_first_most_troubled_first()
    {
        var page = SiteList.Select(Sites, Query());

        Assert.Equal(["c-gone", "b-fault", "a-ok", "d-sleep"], page.Sites.Select(s => s.SiteId));
    }

    [Fact]
    public void A_health_filter_keeps_sites_with_an_inverter_in_that_state()
    {
        Assert.Equal(["b-fault"], SiteList.Select(Sites, Query() with { Health = new SiteHealthFilter(InverterHealth.Fault) }).Sites.Select(s => s.SiteId));
        Assert.Equal(2, SiteList.Select(Sites, Query() with { Health = SiteHealthFilter.Attention }).Matched);
    }

    [Fact]
    public void Search_matches_id_or_name_in_any_case()
    {
        Assert.Equal(["c-gone"], SiteList.Select(Sites, Query() with { Search = "CHEN" }).Sites.Select(s => s.SiteId));
        Assert.Equal(["d-sleep"], SiteList.Select(Sites, Query() with { Search = "sleep" }).Sites.Select(s => s.SiteId));
    }

    [Fact]
    public void An_alert_kind_keeps_only_the_sites_with_such_an_open_alert()
    {
        var page = SiteList.Select(Sites, Query() with { AlertKind = AlertKind.Fault }, new HashSet<string> { "b-fault" });

        Assert.Equal(["b-fault"], page.Sites.Select(s => s.SiteId));
    }

    [Fact]
    public void Pages_hold_page_size_rows_and_a_page_past_the_end_shows_the_last()
    {
        var page = SiteList.Select(Sites, Query() with { Sort = SiteSort.Power, PageSize = 3, Page = 9 });

        Assert.Equal((2, 2, 4), (page.Page, page.Pages, page.Matched));
        Assert.Single(page.Sites);
    }

    [Fact]
    public void Sorted_by_yield_the_site_that_made_least_of_its_nameplate_comes_first_and_sites_without_one_last()
    {
        SiteSummary[] sites =
        [
            Site("big", "Big", 0, HealthCounts.Zero) with { RatedCapacityW = 10_000, RatedEnergyTodayWh = 40_000 },
            Site("none", "None", 0, HealthCounts.Zero),
            Site("small", "Small", 0, HealthCounts.Zero) with { RatedCapacityW = 2_000, RatedEnergyTodayWh = 5_000 },
        ];

        Assert.Equal(["small", "big", "none"], SiteList.Select(sites, Query() with { Sort = SiteSort.Yield }).Sites.Select(s => s.SiteId));
    }

    [Fact]
    public void Sorted_by_name_the_order_is_the_readers_language_ignoring_case()
    {
        string[] names = ["zoë", "Émile", "anders", "Zara", "émile", "Ångström", "Bo", "bö", "10 Main St", "2 Main St"];
        var sites = names.Select((name, i) => Site($"s{i:00}", name, 0, HealthCounts.Zero)).ToArray();

        var shown = SiteList.Select(sites, Query() with { Sort = SiteSort.Name, PageSize = 100 }).Sites.Select(s => s.Name);

        Assert.Equal(sites.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.SiteId, StringComparer.Ordinal).Select(s => s.Name), shown);
    }

    [Fact]
    public void A_filtered_page_is_of_the_list_asked_about_not_of_an_earlier_one()
    {
        var before = SiteList.Select(Sites, Query() with { Health = SiteHealthFilter.Attention });
        SiteSummary[] later = [.. Sites.Where(s => s.SiteId != "c-gone"), Site("e-new", "Eve", 0, HealthCounts.Zero with { Fault = 1 })];

        var after = SiteList.Select(later, Query() with { Health = SiteHealthFilter.Attention });

        Assert.Equal(["c-gone", "b-fault"], before.Sites.Select(s => s.SiteId));
        Assert.Equal(["b-fault", "e-new"], after.Sites.Select(s => s.SiteId));
    }

    [Fact]
    public void A_search_pages_through_its_matches_and_a_page_past_the_end_shows_the_last()
    {
        var sites = Enumerable.Range(0, 60).Select(i => Site($"site-{i:00}", i % 2 == 0 ? $"Even {i}" : $"Odd {i}", 0, HealthCounts.Zero)).ToArray();

        var second = SiteList.Select(sites, Query() with { Search = "odd", Sort = SiteSort.Name, PageSize = 10, Page = 2 });
        var past = SiteList.Select(sites, Query() with { Search = "ODD", Sort = SiteSort.Name, PageSize = 10, Page = 99 });

        Assert.Equal((30, 2, 3), (second.Matched, second.Page, second.Pages));
        Assert.Equal(10, second.Sites.Count);
        Assert.All(second.Sites, s => Assert.StartsWith("Odd", s.Name, StringComparison.Ordinal));
        Assert.Equal(3, past.Page);
        Assert.Equal(second.Sites.Count, past.Sites.Count);
        Assert.Empty(second.Sites.Intersect(past.Sites));
    }

    [Fact]
    public void A_search_that_matches_nothing_shows_one_empty_page()
    {
        var page = SiteList.Select(Sites, Query() with { Search = "nowhere", Page = 4 });

        Assert.Equal((0, 1, 1), (page.Matched, page.Page, page.Pages));
        Assert.Empty(page.Sites);
    }

    [Theory]
    [InlineData(SiteSort.Attention)]
    [InlineData(SiteSort.Name)]
    [InlineData(SiteSort.Power)]
    [InlineData(SiteSort.EnergyToday)]
    [InlineData(SiteSort.Yield)]
    [InlineData(SiteSort.LastSeen)]
    public void Every_order_pages_through_a_large_fleet_with_many_ties_as_its_rule_says(SiteSort sort)
    {
        var random = new Random(7);
        var sites = Enumerable.Range(0, 3_000).Select(i => Site(
                $"site-{i:D4}",
                random.Next(4) == 0 ? "Shared Name" : $"{(random.Next(2) == 0 ? "o" : "O")}wner {random.Next(500)}",
                power: random.Next(5) * 1000,
                health: HealthCounts.Zero with { Online = random.Next(3), Fault = random.Next(4) == 0 ? 1 : 0, Unreachable = random.Next(6) == 0 ? 1 : 0 })
            with
            {
                EnergyTodayWh = random.Next(4) * 500,
                UpdatedAt = random.Next(5) == 0 ? null : new DateTimeOffset(2026, 6, 1, 12, random.Next(3), 0, TimeSpan.Zero),
                RatedCapacityW = random.Next(3) == 0 ? 0 : 4_000,
                RatedEnergyTodayWh = random.Next(3) * 2_000,
            }).ToArray();
        var expected = InRuleOrder(sites, sort).Select(s => s.SiteId).ToList();

        var seen = new List<string>();
        for (var page = 1; page <= 30; page++)
        {
            seen.AddRange(SiteList.Select(sites, Query() with { Sort = sort, PageSize = 100, Page = page }).Sites.Select(s => s.SiteId));
        }

        Assert.Equal(expected, seen);
        var attention = SiteList.Select(sites, Query() with { Sort = sort, Health = SiteHealthFilter.Attention, PageSize = 3_000 });
        Assert.Equal(expected.Where(id => SiteHealth.NeedingAttention(sites.Single(s => s.SiteId == id).Health) > 0), attention.Sites.Select(s => s.SiteId));
    }

    // The rules as the sites list documents them, each ending on the site id.
    private static IEnumerable<SiteSummary> InRuleOrder(IEnumerable<SiteSummary> sites, SiteSort sort) => sort switch
    {
        SiteSort.Name => sites.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.Power => sites.OrderByDescending(s => s.PowerW).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.EnergyToday => sites.OrderByDescending(s => s.EnergyTodayWh).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.Yield => sites.OrderBy(s => s.YieldToday ?? double.PositiveInfinity).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        SiteSort.LastSeen => sites.OrderByDescending(s => s.UpdatedAt ?? DateTimeOffset.MinValue).ThenBy(s => s.SiteId, StringComparer.Ordinal),
        _ => sites.OrderByDescending(s => SiteHealth.NeedingAttention(s.Health)).ThenByDescending(s => s.Health.Fault)
            .ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.SiteId, StringComparer.Ordinal),
    };

    private static SiteListQuery Query() => new(null, null, null, SiteSort.Attention, 1);

    private static SiteSummary Site(string id, string name, long power, HealthCounts health) =>
        new(id, name, "Etc/UTC", health.Total, power, new DateOnly(2026, 6, 1), 0, health, null);
}

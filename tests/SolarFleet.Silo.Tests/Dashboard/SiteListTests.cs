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

    private static SiteListQuery Query() => new(null, null, null, SiteSort.Attention, 1);

    private static SiteSummary Site(string id, string name, long power, HealthCounts health) =>
        new(id, name, "Etc/UTC", health.Total, power, new DateOnly(2026, 6, 1), 0, health, null);
}

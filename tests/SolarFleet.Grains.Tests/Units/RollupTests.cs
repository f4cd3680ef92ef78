using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Fleet;
using SolarFleet.Grains.Sites;

namespace SolarFleet.Grains.Tests.Units;

public sealed class RollupTests
{
    // 2026-06-21 06:30 UTC: still the 20th in Los Angeles (23:30), already the 21st in Berlin (08:30).
    private static readonly DateTimeOffset Now = new(2026, 6, 21, 6, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly SiteSettings BerlinHome = new("Berlin home", "Europe/Berlin");

    [Fact]
    public void A_site_adds_live_power_and_only_todays_energy_and_counts_silent_inverters_as_pending()
    {
        var rollup = new SiteRollup();
        rollup.Apply(Summary("a", InverterHealth.Online, power: 1500, date: new DateOnly(2026, 6, 21), energy: 800));
        rollup.Apply(Summary("b", InverterHealth.Asleep, power: 0, date: new DateOnly(2026, 6, 20), energy: 20_000));
        rollup.Apply(Summary("gone", InverterHealth.Online, power: 999, date: new DateOnly(2026, 6, 21), energy: 999));

        var summary = rollup.Summarize("berlin", BerlinHome, ["a", "b", "c"], Berlin, Now);

        Assert.Equal(3, summary.Inverters);
        Assert.Equal(1500, summary.PowerW);
        Assert.Equal(800, summary.EnergyTodayWh);
        Assert.Equal(new DateOnly(2026, 6, 21), summary.LocalDate);
        Assert.Equal(new HealthCounts(1, 1, 1, 0, 0, 0), summary.Health);
    }

    [Fact]
    public void A_sites_yield_is_todays_energy_of_its_inverters_with_a_nameplate_per_watt_of_it()
    {
        var rollup = new SiteRollup();
        var today = new DateOnly(2026, 6, 21);
        rollup.Apply(Summary("a", InverterHealth.Online, power: 1500, date: today, energy: 8_000) with { DcCapacityW = 4_000 });
        rollup.Apply(Summary("b", InverterHealth.Online, power: 1500, date: today, energy: 3_000) with { DcCapacityW = 2_000 });
        rollup.Apply(Summary("c", InverterHealth.Online, power: 900, date: today, energy: 5_000));

        var summary = rollup.Summarize("berlin", BerlinHome, ["a", "b", "c"], Berlin, Now);

        Assert.Equal(16_000, summary.EnergyTodayWh);
        Assert.Equal(6_000, summary.RatedCapacityW);
        Assert.Equal(11_000 / 6_000.0, summary.YieldToday);
        Assert.Null(new SiteRollup().Summarize("berlin", BerlinHome, ["c"], Berlin, Now).YieldToday);
    }

    [Fact]
    public void A_site_lists_unreachable_stale_and_faulty_inverters_oldest_first_with_detail()
    {
        var rollup = new SiteRollup();
        rollup.Apply(Summary("ok", InverterHealth.Online));
        rollup.Apply(Summary("fault", InverterHealth.Fault, since: Now.AddMinutes(-5), status: 12));
        rollup.Apply(Summary("down", InverterHealth.Unreachable, since: Now.AddHours(-2), error: "refused: Connection refused."));
        rollup.Apply(Summary("stuck", InverterHealth.Stale, since: Now.AddMinutes(-30), status: 7));

        var problems = rollup.Problems("berlin", ["ok", "fault", "down", "stuck"]);

        Assert.Equal(["down", "stuck", "fault"], problems.Select(p => p.InverterId));
        Assert.Equal("refused: Connection refused.", problems[0].Detail);
        Assert.Contains("Generating", problems[1].Detail, StringComparison.Ordinal);
        Assert.Equal("Fault (code 12)", problems[2].Detail);
        Assert.Equal(12, problems[2].StatusCode);
    }

    [Fact]
    public void The_fleet_adds_each_sites_own_local_day()
    {
        var fleet = new FleetRollup();
        fleet.Apply(Report("berlin", "Europe/Berlin", new DateOnly(2026, 6, 21), energy: 800, power: 1500));
        fleet.Apply(Report("la", "America/Los_Angeles", new DateOnly(2026, 6, 20), energy: 25_000, power: 0));

        // It is the 21st in Berlin and still the 20th in Los Angeles: both reports are "today" where they are.
        var summary = fleet.Summarize(sites: 2, Now);
        Assert.Equal(25_800, summary.EnergyTodayWh);
        Assert.Equal(1500, summary.PowerW);
        Assert.Equal(2, summary.Inverters);

        // Nine hours later it is the 21st in Los Angeles too, and its report from the 20th adds nothing today.
        var later = fleet.Summarize(sites: 2, Now.AddHours(9));
        Assert.Equal(800, later.EnergyTodayWh);
        var la = fleet.SiteSummaries(Now.AddHours(9)).Single(s => s.SiteId == "la");
        Assert.Equal(new DateOnly(2026, 6, 21), la.LocalDate);
        Assert.Equal(0, la.EnergyTodayWh);
    }

    [Fact]
    public void The_fleet_caps_its_problem_list_keeping_the_oldest()
    {
        var fleet = new FleetRollup();
        var problems = Enumerable.Range(0, 10)
            .Select(i => new Problem("s", $"i{i}", InverterHealth.Unreachable, Now.AddMinutes(-i), null, "down"))
            .ToList();
        fleet.Apply(new SiteReport(Report("s", "UTC", new DateOnly(2026, 6, 21), 0, 0).Summary, problems));

        var listed = fleet.Problems(max: 3);

        Assert.Equal(["i9", "i8", "i7"], listed.Select(p => p.InverterId));
        Assert.Equal(1, fleet.Summarize(1, Now).SitesWithProblems);
    }

    private static InverterSummary Summary(
        string id,
        InverterHealth health,
        int power = 0,
        DateOnly? date = null,
        long energy = 0,
        DateTimeOffset? since = null,
        int? status = null,
        string? error = null) =>
        new(id, health, since ?? Now, power, date, energy, status, error, Now);

    private static SiteReport Report(string siteId, string timeZone, DateOnly date, long energy, long power) =>
        new(new SiteSummary(siteId, siteId, timeZone, 1, power, date, energy, HealthCounts.Zero.Add(InverterHealth.Online, 1), Now), []);
}

using System.Globalization;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Silo.Api.Energy;

namespace SolarFleet.Silo.Tests.Api;

public sealed class EnergyReportTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static ReportSite Site(int inverters = 1, DateTimeOffset? removedAt = null) => new("home", "America/Los_Angeles", inverters, removedAt);

    private static DailyEnergy Row(string inverter, string date, long wh, double coverage = 1, bool complete = true, long bridged = 0, int anomalies = 0) =>
        new("home", inverter, DateOnly.Parse(date, CultureInfo.InvariantCulture), wh, null, coverage, complete, anomalies, null, PowerTodayWh: wh - bridged, BridgedWh: bridged);

    private static List<EnergyRow> Build(IReadOnlyCollection<DailyEnergy> rows, string from, string to, EnergyInterval interval, ReportSite? site = null) =>
        EnergyReport.Build(site ?? Site(), rows, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), interval, Today).ToList();

    [Fact]
    public void Every_day_in_range_gets_a_row_and_a_missing_day_is_flagged_not_hidden()
    {
        var rows = new[] { Row("a", "2026-06-01", 1000), Row("a", "2026-06-03", 3000) };

        var report = Build(rows, "2026-06-01", "2026-06-03", EnergyInterval.Day);

        Assert.Equal(["2026-06-01", "2026-06-02", "2026-06-03"], report.Select(r => r.Period));
        Assert.Equal([1000L, 0L, 3000L], report.Select(r => r.EnergyWh));
        Assert.False(report[1].Complete);
        Assert.Equal(0, report[1].Coverage);
        Assert.Equal(EnergyPeriodStatus.Complete, report[1].PeriodStatus);
        Assert.True(report[0].Complete);
        Assert.All(report, r => Assert.Equal("America/Los_Angeles", r.TimeZone));
    }

    [Fact]
    public void A_day_with_fewer_inverters_than_the_site_has_is_incomplete()
    {
        var rows = new[] { Row("a", "2026-06-01", 1000), Row("b", "2026-06-01", 500) };

        var day = Assert.Single(Build(rows, "2026-06-01", "2026-06-01", EnergyInterval.Day, Site(inverters: 3)));

        Assert.Equal(1500, day.EnergyWh);
        Assert.Equal(2, day.Inverters);
        Assert.False(day.Complete);
        Assert.Equal(0.6667, day.Coverage);
    }

    [Fact]
    public void Months_sum_their_days_and_a_month_the_range_cuts_is_partial_with_the_days_it_covers()
    {
        var rows = new[]
        {
            Row("a", "2026-01-31", 100),
            Row("a", "2026-02-01", 200),
            Row("a", "2026-02-02", 300, coverage: 0.5, complete: false),
        };

        var report = Build(rows, "2026-01-31", "2026-02-02", EnergyInterval.Month);

        Assert.Equal(["2026-01", "2026-02"], report.Select(r => r.Period));
        Assert.Equal((new DateOnly(2026, 1, 31), new DateOnly(2026, 1, 31)), (report[0].From, report[0].To));
        Assert.Equal(EnergyPeriodStatus.Partial, report[0].PeriodStatus);
        Assert.False(report[0].Complete);
        Assert.Equal(100, report[0].EnergyWh);
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 2)), (report[1].From, report[1].To));
        Assert.Equal(500, report[1].EnergyWh);
        Assert.Equal(0.75, report[1].Coverage);
    }

    [Fact]
    public void A_month_wholly_in_the_range_and_over_is_complete_when_every_day_was()
    {
        var rows = Enumerable.Range(1, 30).Select(d => Row("a", $"2026-06-{d:00}", 10)).ToArray();

        var june = Assert.Single(Build(rows, "2026-06-01", "2026-06-30", EnergyInterval.Month));

        Assert.Equal(EnergyPeriodStatus.Complete, june.PeriodStatus);
        Assert.True(june.Complete);
        Assert.Equal(300, june.EnergyWh);
    }

    [Fact]
    public void Today_is_partial_and_future_days_have_no_energy_rather_than_looking_like_an_outage()
    {
        var rows = new[] { Row("a", "2026-11-30", 9000), Row("a", "2026-12-01", 1200, coverage: 0.4, complete: false) };

        var report = Build(rows, "2026-11-30", "2026-12-02", EnergyInterval.Day);

        Assert.Equal([EnergyPeriodStatus.Complete, EnergyPeriodStatus.Partial, EnergyPeriodStatus.Future], report.Select(r => r.PeriodStatus));
        Assert.Equal([9000L, 1200L, null], report.Select(r => r.EnergyWh));
        Assert.Null(report[2].Coverage);
        Assert.False(report[2].Complete);
    }

    [Fact]
    public void The_month_holding_today_is_partial_and_its_coverage_counts_only_the_days_so_far()
    {
        var rows = new[] { Row("a", "2026-12-01", 1200, coverage: 0.5, complete: false) };

        var december = Assert.Single(Build(rows, "2026-12-01", "2026-12-01", EnergyInterval.Month));

        Assert.Equal(EnergyPeriodStatus.Partial, december.PeriodStatus);
        Assert.Equal((Today, Today), (december.From, december.To));
        Assert.Equal(0.5, december.Coverage);
    }

    [Fact]
    public void Rows_say_how_the_energy_was_measured()
    {
        var rows = new[] { Row("a", "2026-06-01", 1000, bridged: 300, anomalies: 2), Row("b", "2026-06-01", 500) };

        var day = Assert.Single(Build(rows, "2026-06-01", "2026-06-01", EnergyInterval.Day, Site(inverters: 2)));

        Assert.Equal((1500L, 1200L, 300L, 2), (day.EnergyWh!.Value, day.PowerTodayWh!.Value, day.BridgedWh!.Value, day.Anomalies));
    }

    [Theory]
    [InlineData(EnergyInterval.Day)]
    [InlineData(EnergyInterval.Month)]
    public void The_last_dates_there_are_make_rows_without_overflowing(EnergyInterval interval)
    {
        var report = Build([], "9999-12-30", "9999-12-31", interval);

        Assert.NotEmpty(report);
        Assert.All(report, r => Assert.Equal(EnergyPeriodStatus.Future, r.PeriodStatus));
        Assert.Equal(DateOnly.MaxValue, report[^1].To);
    }

    [Fact]
    public void A_removed_sites_rows_say_when_it_was_removed()
    {
        var removedAt = new DateTimeOffset(2026, 11, 15, 8, 0, 0, TimeSpan.Zero);

        var day = Assert.Single(Build([Row("a", "2026-11-01", 7000)], "2026-11-01", "2026-11-01", EnergyInterval.Day, Site(inverters: 0, removedAt)));

        Assert.Equal(7000, day.EnergyWh);
        Assert.Equal(removedAt, day.SiteRemovedAt);
    }
}

using SolarFleet.Abstractions.Energy;
using SolarFleet.Silo.Api.Energy;

namespace SolarFleet.Silo.Tests.Api;

public sealed class EnergyReportTests
{
    private static DailyEnergy Row(string inverter, string date, long wh, double coverage = 1, bool complete = true) =>
        new("home", inverter, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), wh, null, coverage, complete, 0, null);

    [Fact]
    public void Every_day_in_range_gets_a_row_and_a_missing_day_is_flagged_not_hidden()
    {
        var rows = new[] { Row("a", "2026-06-01", 1000), Row("a", "2026-06-03", 3000) };

        var report = EnergyReport.Build("home", rows, 1, new(2026, 6, 1), new(2026, 6, 3), EnergyInterval.Day).ToList();

        Assert.Equal(["2026-06-01", "2026-06-02", "2026-06-03"], report.Select(r => r.Period));
        Assert.Equal([1000L, 0L, 3000L], report.Select(r => r.EnergyWh));
        Assert.False(report[1].Complete);
        Assert.Equal(0, report[1].Coverage);
        Assert.True(report[0].Complete);
    }

    [Fact]
    public void A_day_with_fewer_inverters_than_the_site_has_is_incomplete()
    {
        var rows = new[] { Row("a", "2026-06-01", 1000), Row("b", "2026-06-01", 500) };

        var day = Assert.Single(EnergyReport.Build("home", rows, 3, new(2026, 6, 1), new(2026, 6, 1), EnergyInterval.Day));

        Assert.Equal(1500, day.EnergyWh);
        Assert.Equal(2, day.Inverters);
        Assert.False(day.Complete);
        Assert.Equal(0.6667, day.Coverage);
    }

    [Fact]
    public void Months_sum_their_days_and_clip_to_the_range()
    {
        var rows = new[]
        {
            Row("a", "2026-01-31", 100),
            Row("a", "2026-02-01", 200),
            Row("a", "2026-02-02", 300, coverage: 0.5, complete: false),
        };

        var report = EnergyReport.Build("home", rows, 1, new(2026, 1, 31), new(2026, 2, 2), EnergyInterval.Month).ToList();

        Assert.Equal(["2026-01", "2026-02"], report.Select(r => r.Period));
        Assert.Equal(100, report[0].EnergyWh);
        Assert.True(report[0].Complete);
        Assert.Equal(500, report[1].EnergyWh);
        Assert.False(report[1].Complete);
        Assert.Equal(0.75, report[1].Coverage);
    }
}

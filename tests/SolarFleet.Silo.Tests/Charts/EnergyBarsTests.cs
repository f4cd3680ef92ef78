using System.Globalization;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Dashboard.Charts;

namespace SolarFleet.Silo.Tests.Charts;

public sealed class EnergyBarsTests
{
    private static EnergyRow Day(string date, long? wh, bool complete = true, EnergyPeriodStatus status = EnergyPeriodStatus.Complete)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        return new EnergyRow("home", date, day, day, status, "Etc/GMT-2", wh, wh, 0, 0, 0, 0, 1, complete, complete ? 1 : 0.5, null);
    }

    private static EnergyRow Month(int month, long? wh, bool complete, EnergyPeriodStatus status)
    {
        var first = new DateOnly(2026, month, 1);
        return new EnergyRow("home", first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1).AddDays(-1), status, "Etc/GMT-2", wh, wh, 0, 0, 0, 0, 1, complete, wh is null ? null : 1, null);
    }

    [Fact]
    public void Bars_are_as_tall_as_their_energy_on_a_round_scale()
    {
        var chart = EnergyBars.Days([Day("2026-06-01", 1_000), Day("2026-06-02", 2_000)]);

        // 0-2 kWh over the plot's 168 px.
        Assert.Equal([84.0, 168], chart.Bars.Select(b => b.Height));
        Assert.Equal([104.0, 20], chart.Bars.Select(b => b.Y));
        Assert.Equal(["0 Wh", "500 Wh", "1.00 kWh", "1.50 kWh", "2.00 kWh"], chart.Axes.Values.Select(t => t.Label));
    }

    [Fact]
    public void Bars_share_the_width_with_a_gap_on_either_side()
    {
        var rows = Enumerable.Range(1, 30).Select(d => Day($"2026-06-{d:00}", 1_000)).ToList();

        var bars = EnergyBars.Days(rows).Bars;

        Assert.Equal(30, bars.Count);
        Assert.Equal(0.5, bars[0].X, 6);
        Assert.Equal(100.0 / 30 * 0.7, bars[0].Width, 6);
        Assert.Equal(99.5, bars[^1].X + bars[^1].Width, 6);
    }

    [Fact]
    public void A_day_not_observed_all_through_and_today_are_incomplete_and_a_month_to_come_has_no_bar()
    {
        var days = EnergyBars.Days([
            Day("2026-06-01", 1_000),
            Day("2026-06-02", 600, complete: false),
            Day("2026-06-03", 0, complete: false),
            Day("2026-06-04", 300, complete: false, EnergyPeriodStatus.Partial),
        ]);
        var months = EnergyBars.Months([Month(5, 30_000, true, EnergyPeriodStatus.Complete), Month(6, 4_000, false, EnergyPeriodStatus.Partial), Month(7, null, false, EnergyPeriodStatus.Future)]);

        Assert.Equal([BarState.Complete, BarState.Incomplete, BarState.Incomplete, BarState.Incomplete], days.Bars.Select(b => b.State));
        Assert.Equal([BarState.Complete, BarState.Incomplete, BarState.Future], months.Bars.Select(b => b.State));
        Assert.Equal(0, months.Bars[2].Height);
    }

    [Fact]
    public void Daily_labels_fall_every_week_counting_back_from_the_last_day()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Day(new DateOnly(2026, 5, 3).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1_000)).ToList();

        var labels = EnergyBars.Days(rows).Axes.Times.Select(t => t.Label);

        Assert.Equal(["4 May", "11 May", "18 May", "25 May", "1 Jun"], labels);
    }

    [Fact]
    public void Every_other_month_label_gives_way_on_a_narrow_screen()
    {
        var rows = Enumerable.Range(1, 12).Select(m => Month(m, 1_000, true, EnergyPeriodStatus.Complete)).ToList();

        var ticks = EnergyBars.Months(rows).Axes.Times;

        Assert.Equal(12, ticks.Count);
        Assert.Equal(["Jan", "Mar", "May", "Jul", "Sep", "Nov"], ticks.Where(t => !t.Minor).Select(t => t.Label));
    }

    [Fact]
    public void The_description_counts_the_incomplete_periods_and_leaves_out_those_to_come()
    {
        var chart = EnergyBars.Months([Month(5, 30_000, true, EnergyPeriodStatus.Complete), Month(6, 4_000, false, EnergyPeriodStatus.Partial), Month(7, null, false, EnergyPeriodStatus.Future)]);

        Assert.Equal("2026-05 to 2026-06: highest 30.00 kWh in 2026-05; 1 of 2 months incomplete (striped and marked under the axis).", chart.Description);
    }
}

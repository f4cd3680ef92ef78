using SolarFleet.Silo.Api.Power;
using SolarFleet.Silo.Dashboard.Charts;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Tests.Charts;

public sealed class PowerChartTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    /// <summary>A curve of five-minute slots from local midnight in a zone two hours ahead of UTC, powers as given (null for a gap).</summary>
    private static PowerCurve Curve(params long?[] powers) => CurveIn("Etc/GMT-2", Day, TimeSpan.Zero, powers);

    private static PowerCurve CurveIn(string zoneId, DateOnly day, TimeSpan firstSlot, params long?[] powers)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var (from, to) = SiteCalendar.Day(day, zone);
        var slots = powers.Select((p, i) => new PowerPoint(TimeZoneInfo.ConvertTime(from + firstSlot + TimeSpan.FromMinutes(5 * i), zone), p, p is null ? 0 : 1)).ToList();
        return new PowerCurve("home", day, zoneId, 5, TimeZoneInfo.ConvertTime(from, zone), TimeZoneInfo.ConvertTime(to, zone), slots);
    }

    [Fact]
    public void The_line_breaks_where_no_inverter_reported()
    {
        var chart = PowerChart.Build(Curve(100, 200, 300, null, 400, 500));

        Assert.Equal(2, chart.Lines.Count);
        Assert.Equal(3, chart.Lines[0].Split(' ').Length);
        Assert.Equal(2, chart.Lines[1].Split(' ').Length);
        Assert.Equal(2, chart.Areas.Count);
        Assert.Equal(5, chart.Reported);
    }

    [Fact]
    public void A_point_sits_at_its_slots_middle_and_as_high_as_its_power_on_the_scale()
    {
        // Slots at 12:00 and 12:05 site time: their middles are 12:02:30 and 12:07:30 of a 24-hour day.
        var chart = PowerChart.Build(CurveIn("Etc/GMT-2", Day, TimeSpan.FromHours(12), 1_000, 2_000));

        // The scale is 0-2 kW: 1 kW is halfway up the plot (20-188 px), 2 kW at its top.
        Assert.Equal("M501.74,104 L505.21,20", chart.Lines[0]);
        Assert.Equal("M501.74,104 L505.21,20 L505.21,188 L501.74,188 Z", chart.Areas[0]);
    }

    [Fact]
    public void A_lone_slot_is_drawn_across_its_slot_rather_than_as_an_invisible_point()
    {
        var chart = PowerChart.Build(CurveIn("Etc/GMT-2", Day, TimeSpan.FromHours(12), 1_000));

        Assert.Equal("M500,20 L503.47,20", Assert.Single(chart.Lines));
    }

    [Fact]
    public void Hours_along_the_bottom_are_the_sites_own_and_a_day_the_clocks_go_forward_has_23_of_them()
    {
        // Berlin's clocks go from 02:00 to 03:00 on 29 March 2026: 06:00 local is 5 of the day's 23 hours in.
        var chart = PowerChart.Build(CurveIn("Europe/Berlin", new DateOnly(2026, 3, 29), TimeSpan.Zero, 100));

        Assert.Equal(["00:00", "06:00", "12:00", "18:00", "24:00"], chart.Axes.Times.Select(t => t.Label));
        Assert.Equal([0, 21.74, 47.83, 73.91, 100], chart.Axes.Times.Select(t => Math.Round(t.Position, 2)));
        Assert.Equal(["start", "middle", "middle", "middle", "end"], chart.Axes.Times.Select(t => t.Anchor));
    }

    [Fact]
    public void The_description_names_the_highest_slot_on_the_sites_clock()
    {
        var chart = PowerChart.Build(CurveIn("Etc/GMT-2", Day, TimeSpan.FromHours(12), 1_000, 4_200, null));

        Assert.Equal("Highest 4.20 kW at 12:05; 2 of the 3 five-minute slots so far have readings.", chart.Description);
        Assert.Equal("No readings yet today.", PowerChart.Build(Curve(null, null)).Description);
    }

    [Fact]
    public void The_value_axis_is_labelled_in_watts_and_kilowatts_at_round_steps()
    {
        var chart = PowerChart.Build(Curve(4_100));

        Assert.Equal(["0 W", "2.00 kW", "4.00 kW", "6.00 kW"], chart.Axes.Values.Select(t => t.Label));
        Assert.Equal([188.0, 132, 76, 20], chart.Axes.Values.Select(t => t.Position));
    }
}

using SolarFleet.Silo.Dashboard.Charts;

namespace SolarFleet.Silo.Tests.Charts;

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(4_000, 4_000, 1_000)]
    [InlineData(4_100, 6_000, 2_000)]
    [InlineData(35_220, 40_000, 10_000)]
    [InlineData(9_000, 10_000, 2_500)]
    [InlineData(3, 3, 1)]
    public void The_maximum_is_rounded_up_to_a_whole_number_of_round_steps(double highest, double max, double step)
    {
        var scale = NiceScale.For(highest);

        Assert.Equal(max, scale.Max, 6);
        Assert.Equal(step, scale.Step, 6);
    }

    [Fact]
    public void Ticks_run_from_zero_to_the_maximum_by_the_step() =>
        Assert.Equal([0.0, 2_000, 4_000, 6_000], NiceScale.For(4_100).Ticks);

    [Fact]
    public void A_chart_with_nothing_to_show_gets_a_unit_scale_instead_of_a_division_by_zero()
    {
        var scale = NiceScale.For(0);

        Assert.Equal(4, scale.Max);
        Assert.Equal(0, scale.Fraction(0));
    }

    [Fact]
    public void Values_sit_at_their_share_of_the_maximum_and_stay_inside_the_chart()
    {
        var scale = NiceScale.For(4_000);

        Assert.Equal(0.25, scale.Fraction(1_000));
        Assert.Equal(1, scale.Fraction(5_000));
        Assert.Equal(0, scale.Fraction(-10));
    }
}

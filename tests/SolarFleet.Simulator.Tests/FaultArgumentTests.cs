using SolarFleet.Simulator.Cli;
using SolarFleet.Simulator.Faults;

namespace SolarFleet.Simulator.Tests;

/// <summary>Inverter faults and clouds as the simulator's command line takes them.</summary>
public sealed class FaultArgumentTests
{
    [Fact]
    public void Inverter_faults_take_a_value_and_a_local_start_and_add_up_per_pi()
    {
        Assert.True(SimulatorArguments.TryParse(
            ["--pis", "5", "--clouds", "0.4", "--fault", "2=derate:70@12:00+shade:40@14:30", "--fault", "2=grid-v:258", "--fault", "3=dark", "--fault", "4=clock:3+total-back:250@10:00"],
            out var parsed,
            out var error), error);

        var two = parsed!.Faults[2];
        Assert.Equal(PiFaultModes.Derated | PiFaultModes.Shading | PiFaultModes.GridOutOfRange, two.Faults.Modes);
        Assert.Equal(0.7, two.Faults.DeratedTo, 9);
        Assert.Equal(0.4, two.Faults.ShadingLoss, 9);
        Assert.Equal(new TimeOnly(14, 30), two.Faults.ShadedAfter);
        Assert.Equal(258, two.Faults.GridVoltageV);
        Assert.Equal(new TimeOnly(12, 0), two.SinceLocal);
        Assert.Equal(PiFaultModes.Dark, parsed.Faults[3].Faults.Modes);
        Assert.Null(parsed.Faults[3].SinceLocal);
        Assert.Equal(TimeSpan.FromHours(3), parsed.Faults[4].Faults.ClockOffset);
        Assert.Equal(250, parsed.Faults[4].Faults.PowerTotalDropKwh);
        Assert.Equal(0.4, parsed.Options.Clouds!.Cover);

        var since = two.At(parsed.Site, parsed.Site.Instant(new DateTime(2026, 12, 1, 8, 0, 0)));
        Assert.Equal(parsed.Site.Instant(new DateTime(2026, 12, 1, 12, 0, 0)), since.Since);
    }

    [Theory]
    [InlineData("1=derate")]
    [InlineData("1=derate:150")]
    [InlineData("1=dark@25:00")]
    [InlineData("1=clock:soon")]
    public void A_fault_without_its_value_or_with_a_bad_one_is_refused_with_a_reason(string fault)
    {
        Assert.False(SimulatorArguments.TryParse(["--pis", "2", "--fault", fault], out _, out var error));
        Assert.Contains("--fault", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Clouds_cover_a_share_of_the_sky_from_0_to_1()
    {
        Assert.False(SimulatorArguments.TryParse(["--clouds", "1.5"], out _, out var error));
        Assert.Contains("--clouds", error, StringComparison.Ordinal);
    }
}

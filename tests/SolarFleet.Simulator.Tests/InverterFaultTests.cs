using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Solar;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>The inverter's own faults, read straight from the model (no socket) on a clear midsummer day in Los Angeles.</summary>
public sealed class InverterFaultTests
{
    private const ulong Seed = 42;
    private static readonly DateOnly Date = new(2025, 6, 21);
    private static readonly DateTimeOffset Origin = At(3, 0);

    [Fact]
    public void An_inverter_dark_all_day_never_wakes_and_keeps_showing_yesterdays_values()
    {
        var inverter = Inverter(PiFaults.Of(PiFaultModes.Dark));

        var noon = inverter.Read(At(12, 0));

        Assert.Equal(Date.AddDays(-1), DateOnly.FromDateTime(noon.TimeStampLocal));
        Assert.Equal(3, noon.StatusCode);
        Assert.Equal(0, noon.PowerNowW);
        Assert.Equal(noon, inverter.Read(At(16, 0)));
        Assert.Equal(0, inverter.EnergyOn(Date, At(16, 0)));
    }

    [Fact]
    public void Dark_from_noon_sends_one_standby_update_and_then_its_timestamp_stops()
    {
        var inverter = Inverter(new PiFaults { Modes = PiFaultModes.Dark, Since = At(12, 0) });

        var before = inverter.Read(At(11, 59));
        var after = inverter.Read(At(12, 30));

        Assert.Equal(7, before.StatusCode);
        Assert.Equal(3, after.StatusCode);
        Assert.Equal(0, after.PowerNowW);
        Assert.InRange(after.TimeStampLocal, At(12, 0).DateTime.AddHours(-7), At(12, 0).DateTime.AddHours(-7).AddSeconds(23));
        Assert.Equal(after, inverter.Read(At(15, 0)));
        Assert.InRange(after.PowerTodayWh, before.PowerTodayWh, before.PowerTodayWh + 100);
    }

    [Fact]
    public void A_derated_inverter_makes_its_share_from_the_start_and_all_it_would_before()
    {
        var healthy = Inverter(PiFaults.None);
        var derated = Inverter(new PiFaults { Modes = PiFaultModes.Derated, DeratedTo = 0.7, Since = At(10, 0) });

        Assert.Equal(healthy.Read(At(9, 59)).PowerTodayWh, derated.Read(At(9, 59)).PowerTodayWh);
        var (healthyAt11, deratedAt11) = (healthy.Read(At(11, 0)).PowerTodayWh, derated.Read(At(11, 0)).PowerTodayWh);
        var healthyMade = healthy.Read(At(14, 0)).PowerTodayWh - healthyAt11;
        var deratedMade = derated.Read(At(14, 0)).PowerTodayWh - deratedAt11;
        Assert.InRange(deratedMade / (double)healthyMade, 0.69, 0.71);
    }

    [Fact]
    public void Shading_takes_its_share_every_afternoon_after_its_local_time_and_nothing_before()
    {
        var healthy = Inverter(PiFaults.None);
        var shaded = Inverter(new PiFaults { Modes = PiFaultModes.Shading, ShadingLoss = 0.4, ShadedAfter = new TimeOnly(14, 0) });

        Assert.Equal(healthy.Read(At(13, 59)).PowerNowW, shaded.Read(At(13, 59)).PowerNowW);
        Assert.InRange(shaded.Read(At(15, 0)).PowerNowW / (double)healthy.Read(At(15, 0)).PowerNowW, 0.59, 0.61);
        Assert.InRange(shaded.Read(At(15, 0).AddDays(1)).PowerNowW / (double)healthy.Read(At(15, 0).AddDays(1)).PowerNowW, 0.59, 0.61);
    }

    [Fact]
    public void A_clock_off_by_hours_moves_the_timestamp_and_nothing_else()
    {
        var healthy = Inverter(PiFaults.None);
        var skewed = Inverter(new PiFaults { Modes = PiFaultModes.ClockOff, ClockOffset = TimeSpan.FromHours(-2.5) });

        var right = healthy.Read(At(12, 0));
        var wrong = skewed.Read(At(12, 0));

        Assert.Equal(right.TimeStampLocal.AddHours(-2.5), wrong.TimeStampLocal);
        Assert.Equal(right with { TimeStampLocal = wrong.TimeStampLocal }, wrong);
    }

    [Fact]
    public void Grid_voltage_leaves_its_range_from_the_start_of_the_fault()
    {
        var inverter = Inverter(new PiFaults { Modes = PiFaultModes.GridOutOfRange, GridVoltageV = 258, Since = At(11, 0) });

        Assert.InRange(inverter.Read(At(10, 59)).GridVoltageV, 237, 243);
        Assert.InRange(inverter.Read(At(11, 1)).GridVoltageV, 255, 261);
    }

    [Fact]
    public void PowerTotal_reads_lower_than_before_once_it_goes_backwards()
    {
        var inverter = Inverter(new PiFaults { Modes = PiFaultModes.PowerTotalBackwards, PowerTotalDropKwh = 500, Since = At(10, 0) });

        var before = inverter.Read(At(9, 59)).LifetimeWh;
        var after = inverter.Read(At(10, 1)).LifetimeWh;

        Assert.InRange(before - after, 499_000, 500_000);
    }

    // A 3 kW array never reaches the 4,000 W AC cap, so shares of its output are exact.
    private static SimulatedInverter Inverter(PiFaults faults)
    {
        var inverter = new SimulatedInverter(TestClock.LosAngeles, Seed, 3000, 10_000_000, Origin, CloudField.Clear);
        inverter.SetFaults(faults, Origin);
        return inverter;
    }

    private static DateTimeOffset At(int hour, int minute) => TestClock.LosAngeles.Instant(Date.ToDateTime(new TimeOnly(hour, minute)));
}

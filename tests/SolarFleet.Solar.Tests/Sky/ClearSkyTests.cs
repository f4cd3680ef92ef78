using SolarFleet.Solar.Position;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Solar.Tests.Sky;

public sealed class ClearSkyTests
{
    private static readonly GeoPoint FortyNorth = new(40, -105);

    [Theory]
    // 1098 x exp(-0.059) = 1098 x 0.9427068 = 1035.09
    [InlineData(0, 1035.09)]
    // cos 60 = 0.5: 1098 x 0.5 x exp(-0.118) = 549 x 0.8886961 = 487.89
    [InlineData(60, 487.89)]
    // cos 80 = 0.1736482: 1098 x 0.1736482 x exp(-0.3397731) = 190.6657 x 0.7119359 = 135.74
    [InlineData(80, 135.74)]
    [InlineData(90, 0)]
    [InlineData(120, 0)]
    public void Haurwitz_global_irradiance_matches_hand_computed_values(double zenith, double expected)
    {
        Assert.Equal(expected, HaurwitzModel.Ghi(zenith), 0.01);
    }

    [Fact]
    public void Ineichen_Perez_with_the_sun_overhead_at_sea_level_matches_hand_computed_values()
    {
        // Turbidity 3, 1 AU, so 1361 W/m2 above the atmosphere. Kasten-Young air mass at zenith 0:
        // 1 / (1 + 0.50572 x 96.07995^-1.6364) = 0.9997119.
        // GHI = 0.868 x 1361 x exp(-0.0387 x 0.9997119 x (1 + 2)) = 1181.348 x 0.8904160 = 1051.89
        // DNI = (0.664 + 0.163) x 1361 x exp(-0.09 x 0.9997119 x 2) = 1125.547 x 0.8353135 = 940.18,
        //   below the bound 1051.89 x (1 - (0.1 - 0.2 exp(-3)) / (0.1 + 0.882)) = 955.44
        // DHI = 1051.89 - 940.18 = 111.71
        var light = ClearSkyModel.IneichenPerez().At(new SunPosition(0, 90, 180, 1));

        Assert.Equal(1051.89, light.Global, 0.05);
        Assert.Equal(940.18, light.DirectNormal, 0.05);
        Assert.Equal(111.71, light.Diffuse, 0.05);
    }

    [Fact]
    public void Both_models_split_global_light_into_a_beam_and_sky_light_that_add_back_up()
    {
        var sun = new SunPosition(50, 40, 200, 0.99);
        foreach (var model in new[] { ClearSkyModel.Haurwitz, ClearSkyModel.IneichenPerez(1600, 2.5) })
        {
            var light = model.At(sun);
            Assert.InRange(light.Diffuse, 0.05 * light.Global, 0.5 * light.Global);
            Assert.Equal(light.Global, (light.DirectNormal * Math.Cos(double.DegreesToRadians(sun.Zenith))) + light.Diffuse, 1e-9);
        }

        Assert.Equal(HaurwitzModel.Ghi(50), ClearSkyModel.Haurwitz.At(sun).Global, 1e-9);
    }

    [Fact]
    public void There_is_no_light_at_night()
    {
        var night = new SunPosition(100, -10, 0, 1);

        Assert.Equal(Irradiance.None, ClearSkyModel.Haurwitz.At(night));
        Assert.Equal(Irradiance.None, ClearSkyModel.IneichenPerez().At(night));
        Assert.Equal(0, ClearSky.PlaneOfArray(night, new PanelOrientation(30, 180)));
    }

    [Fact]
    public void A_south_facing_array_tilted_thirty_degrees_gets_more_than_the_level_ground_at_a_winter_noon_at_forty_north()
    {
        var noon = SunTimes.For(FortyNorth, new DateOnly(2025, 12, 21), Published.Zone("America/Denver")).SolarNoon;
        var sun = SolarPosition.At(FortyNorth, noon);
        var south = new PanelOrientation(30, 180);

        foreach (var model in new[] { ClearSkyModel.Haurwitz, ClearSkyModel.IneichenPerez() })
        {
            var ghi = ClearSky.PlaneOfArray(sun, null, model);
            var poa = ClearSky.PlaneOfArray(sun, south, model);

            Assert.True(poa > 1.3 * ghi, $"{model}: plane of array {poa:0} W/m2, horizontal {ghi:0} W/m2");
            Assert.True(ClearSky.PlaneOfArray(sun, new PanelOrientation(30, 0), model) < ghi);
        }
    }

    [Fact]
    public void At_a_site_and_instant_the_irradiance_is_the_models_for_the_sun_there_and_then()
    {
        var noon = SunTimes.For(FortyNorth, new DateOnly(2025, 6, 21), Published.Zone("America/Denver")).SolarNoon;
        var sun = SolarPosition.At(FortyNorth, noon);
        var south = new PanelOrientation(30, 180);

        Assert.Equal(HaurwitzModel.Ghi(sun.Zenith), ClearSky.Ghi(FortyNorth, noon), 1e-9);
        Assert.Equal(ClearSkyModel.IneichenPerez().At(sun).Global, ClearSky.Ghi(FortyNorth, noon, ClearSkyModel.IneichenPerez()), 1e-9);
        Assert.Equal(ClearSky.PlaneOfArray(sun, south), ClearSky.PlaneOfArray(FortyNorth, noon, south), 1e-9);
        Assert.Equal(0, ClearSky.Ghi(FortyNorth, noon.AddHours(12)));
    }

    [Fact]
    public void A_level_array_gets_the_global_horizontal_irradiance()
    {
        var sun = new SunPosition(35, 55, 150, 1.01);

        Assert.Equal(ClearSky.PlaneOfArray(sun), ClearSky.PlaneOfArray(sun, PanelOrientation.Horizontal), 1e-9);
    }

    [Fact]
    public void A_clear_June_day_at_forty_north_brings_eight_to_nine_kilowatt_hours_to_a_level_square_metre()
    {
        var from = new DateTimeOffset(2025, 6, 21, 0, 0, 0, TimeSpan.FromHours(-6));

        Assert.InRange(ClearSky.Insolation(FortyNorth, from, from.AddDays(1)), 8000, 9000);
        Assert.InRange(ClearSky.Insolation(FortyNorth, from, from.AddDays(1), model: ClearSkyModel.IneichenPerez()), 8000, 9000);
    }

    [Fact]
    public void Insolation_adds_up_over_adjacent_intervals_and_barely_depends_on_the_step()
    {
        var from = new DateTimeOffset(2025, 9, 1, 6, 0, 0, TimeSpan.FromHours(-6));
        var south = new PanelOrientation(25, 180);

        var whole = ClearSky.Insolation(FortyNorth, from, from.AddHours(12), south);
        var halves = ClearSky.Insolation(FortyNorth, from, from.AddHours(5), south) + ClearSky.Insolation(FortyNorth, from.AddHours(5), from.AddHours(12), south);
        var fine = ClearSky.Insolation(FortyNorth, from, from.AddHours(12), south, step: TimeSpan.FromMinutes(1));

        Assert.Equal(whole, halves, 1e-6);
        Assert.Equal(fine, whole, fine * 0.002);
        Assert.Equal(0, ClearSky.Insolation(FortyNorth, from, from));
        Assert.Equal(0, ClearSky.Insolation(FortyNorth, from.AddHours(-5), from.AddHours(-4)), 1e-9);
    }

    [Fact]
    public void An_interval_that_ends_before_it_starts_or_a_step_of_nothing_is_refused()
    {
        var from = new DateTimeOffset(2025, 9, 1, 6, 0, 0, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => ClearSky.Insolation(FortyNorth, from, from.AddMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClearSky.Insolation(FortyNorth, from, from.AddHours(1), step: TimeSpan.Zero));
    }

    [Theory]
    [InlineData(-1, 180, 0.2, "tilt")]
    [InlineData(91, 180, 0.2, "tilt")]
    [InlineData(30, 361, 0.2, "azimuth")]
    [InlineData(30, 180, 1.5, "albedo")]
    public void An_impossible_orientation_is_refused_with_the_value_named(double tilt, double azimuth, double albedo, string name)
    {
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(() => new PanelOrientation(tilt, azimuth, albedo)).ParamName);
    }
}

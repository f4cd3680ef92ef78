using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Tests.Position;

public sealed class SolarPositionTests
{
    /// <summary>NREL's SPA worked example: Golden, Colorado, 17 October 2003 12:30:30 at UTC-7.</summary>
    private static readonly GeoPoint Golden = new(39.742476, -105.1786);

    private static readonly DateTimeOffset SpaInstant = new(2003, 10, 17, 12, 30, 30, TimeSpan.FromHours(-7));

    [Fact]
    public void The_sun_over_Golden_matches_the_worked_example_of_NRELs_solar_position_algorithm_within_a_hundredth_of_a_degree()
    {
        // I. Reda and A. Andreas, "Solar Position Algorithm for Solar Radiation Applications", NREL/TP-560-34302
        // (2003, revised 2008), table A5.1: topocentric zenith 50.11162 degrees, azimuth 194.34024 degrees (with the
        // example's 820 mbar and 11 C, where this library assumes a standard atmosphere).
        var sun = SolarPosition.At(Golden, SpaInstant);

        Assert.Equal(50.11162, sun.Zenith, 0.01);
        Assert.Equal(194.34024, sun.Azimuth, 0.01);
        Assert.Equal(90 - sun.Zenith, sun.Elevation, 1e-9);
    }

    [Fact]
    public void The_suns_coordinates_match_Meeus_worked_examples_within_a_thousandth_of_a_degree()
    {
        // J. Meeus, Astronomical Algorithms (2nd ed.), example 25.a: on 1992 October 13.0 TD the low-precision method
        // gives an apparent declination of -7.78507 degrees; example 28.b: the equation of time that day is 13m42.6s.
        // Universal time stands in for dynamical time here (59 s apart in 1992).
        var sun = SolarEphemeris.At(new DateTime(1992, 10, 13, 0, 0, 0, DateTimeKind.Utc).Ticks);

        Assert.Equal(-7.78507, double.RadiansToDegrees(Math.Asin(sun.SinDeclination)), 0.001);
        Assert.Equal(13 + (42.6 / 60), sun.EquationOfTimeMinutes, 0.02);
    }

    [Fact]
    public void The_sun_is_above_a_threshold_exactly_while_its_elevation_exceeds_it()
    {
        var window = ElevationWindow.For(Golden, new DateOnly(2025, 6, 21), Published.Zone("America/Denver"), 12);

        Assert.False(SolarPosition.IsAbove(Golden, window.Rises!.Value.AddMinutes(-2), 12));
        Assert.True(SolarPosition.IsAbove(Golden, window.Rises.Value.AddMinutes(2), 12));
        Assert.True(SolarPosition.IsAbove(Golden, window.Falls!.Value.AddMinutes(-2), 12));
        Assert.False(SolarPosition.IsAbove(Golden, window.Falls.Value.AddMinutes(2), 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.IsAbove(Golden, SpaInstant, double.NaN));
    }

    [Fact]
    public void Both_sides_of_the_date_line_see_the_same_sun()
    {
        foreach (var hour in new[] { 0, 6, 11, 12, 23 })
        {
            var instant = new DateTimeOffset(2025, 3, 20, hour, 0, 0, TimeSpan.Zero);
            var east = SolarPosition.At(new GeoPoint(-14, 180), instant);
            var west = SolarPosition.At(new GeoPoint(-14, -180), instant);

            Assert.Equal(east.Elevation, west.Elevation, 1e-9);
            Assert.Equal(east.Azimuth, west.Azimuth, 1e-9);
        }
    }

    [Fact]
    public void The_sun_stands_east_in_the_morning_south_at_noon_and_west_in_the_afternoon_north_of_the_tropics()
    {
        var date = new DateOnly(2025, 6, 21);
        var denver = Published.Zone("America/Denver");
        var noon = SunTimes.For(Golden, date, denver).SolarNoon;

        Assert.InRange(SolarPosition.At(Golden, noon.AddHours(-4)).Azimuth, 60, 120);
        Assert.Equal(180, SolarPosition.At(Golden, noon).Azimuth, 0.5);
        Assert.InRange(SolarPosition.At(Golden, noon.AddHours(4)).Azimuth, 240, 300);
    }

    [Fact]
    public void South_of_the_tropics_the_noon_sun_stands_due_north()
    {
        var sydney = new GeoPoint(-33.8688, 151.2093);
        var noon = SunTimes.For(sydney, new DateOnly(2025, 6, 21), Published.Zone("Australia/Sydney")).SolarNoon;

        var azimuth = SolarPosition.At(sydney, noon).Azimuth;

        Assert.True(azimuth < 0.5 || azimuth > 359.5, $"Azimuth {azimuth}");
    }

    [Fact]
    public void Refraction_lifts_the_sun_most_at_the_horizon_and_not_at_all_overhead()
    {
        // At the geometric horizon a standard atmosphere lifts the sun by about 0.48 degrees (1735 arc seconds).
        Assert.Equal(1735 / 3600.0, Refraction.Degrees(0), 1e-9);
        Assert.Equal(0, Refraction.Degrees(89));
        Assert.InRange(Refraction.Degrees(45), 0.015, 0.02);
        Assert.Equal(10, Refraction.GeometricElevation(10) + Refraction.Degrees(Refraction.GeometricElevation(10)), 1e-6);
    }

    [Fact]
    public void Many_sites_at_one_instant_get_the_positions_each_would_get_alone()
    {
        GeoPoint[] sites = [Golden, new(-33.8688, 151.2093), new(69.6492, 18.9553), new(0, 180)];
        var positions = new SunPosition[sites.Length];

        SolarPosition.At(sites, SpaInstant, positions);

        Assert.Equal(sites.Select(site => SolarPosition.At(site, SpaInstant)), positions);
    }

    [Fact]
    public void Computing_a_position_allocates_nothing()
    {
        var sum = SolarPosition.At(Golden, SpaInstant).Elevation;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var minute = 0; minute < 1440; minute++)
        {
            sum += SolarPosition.At(Golden, SpaInstant.AddMinutes(minute)).Elevation;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
    }

    [Theory]
    [InlineData(90.01, 0)]
    [InlineData(-90.01, 0)]
    [InlineData(0, 180.01)]
    [InlineData(0, -180.01)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void A_site_off_the_globe_is_refused_with_the_coordinate_named(double latitude, double longitude)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(latitude, longitude));

        Assert.Equal(latitude is >= -90 and <= 90 ? "longitude" : "latitude", error.ParamName);
    }

    [Fact]
    public void The_poles_and_the_date_line_are_on_the_globe()
    {
        var north = SolarPosition.At(new GeoPoint(90, 180), SpaInstant);
        var south = SolarPosition.At(new GeoPoint(-90, -180), SpaInstant);

        // In October the sun circles below the north pole's horizon and above the south pole's, at minus the declination.
        Assert.InRange(north.Elevation, -10, -9);
        Assert.InRange(south.Elevation, 9, 10);
    }
}

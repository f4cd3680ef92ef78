using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Tests.Position;

public sealed class ElevationWindowTests
{
    private static readonly GeoPoint PaloAlto = new(37.4419, -122.143);
    private static readonly GeoPoint Tromso = new(69.65, 18.96);

    [Fact]
    public void The_sun_stands_at_the_threshold_elevation_at_the_instants_it_rises_above_and_falls_below_it()
    {
        var date = new DateOnly(2025, 3, 9);
        var window = ElevationWindow.For(PaloAlto, date, Published.Zone("America/Los_Angeles"), 10);

        Assert.Equal(SunCrossing.RisesAndSets, window.Crossing);
        Assert.Equal(10, SolarPosition.At(PaloAlto, window.Rises!.Value).Elevation, 0.01);
        Assert.Equal(10, SolarPosition.At(PaloAlto, window.Falls!.Value).Elevation, 0.01);
        Assert.True(SolarPosition.At(PaloAlto, window.Rises.Value.AddMinutes(-5)).Elevation < 10);
        Assert.True(SolarPosition.At(PaloAlto, window.Falls.Value.AddMinutes(5)).Elevation < 10);
        // Clocks sprang forward that morning: both crossings are in daylight time.
        Assert.Equal(TimeSpan.FromHours(-7), window.Rises.Value.Offset);
    }

    [Fact]
    public void The_sun_clears_ten_degrees_after_sunrise_and_drops_below_it_before_sunset()
    {
        var date = new DateOnly(2025, 12, 21);
        var zone = Published.Zone("America/Los_Angeles");
        var day = SunTimes.For(PaloAlto, date, zone);
        var window = ElevationWindow.For(PaloAlto, date, zone, 10);

        Assert.InRange(window.Rises!.Value - day.Sunrise!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(90));
        Assert.InRange(day.Sunset!.Value - window.Falls!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(90));
    }

    [Fact]
    public void Far_north_in_summer_the_sun_can_dip_below_ten_degrees_at_night_yet_never_set()
    {
        var zone = Published.Zone("Europe/Oslo");
        var date = new DateOnly(2025, 6, 21);

        // At midnight the sun stands about 23.4 - (90 - 69.65) = 3 degrees up.
        Assert.Equal(SunCrossing.RisesAndSets, ElevationWindow.For(Tromso, date, zone, 10).Crossing);
        Assert.Equal(SunCrossing.StaysAbove, ElevationWindow.For(Tromso, date, zone, 1).Crossing);
        Assert.Equal(SunCrossing.StaysBelow, ElevationWindow.For(Tromso, new DateOnly(2025, 12, 21), zone, 10).Crossing);
    }

    [Fact]
    public void Over_a_year_at_every_latitude_each_crossing_found_has_the_sun_at_the_threshold_on_its_side_of_noon()
    {
        var crossings = new HashSet<SunCrossing>();
        for (var latitude = -89.5; latitude <= 89.5; latitude += 5)
        {
            var site = new GeoPoint(latitude, (latitude * 7) % 180);
            for (var date = new DateOnly(2025, 1, 2); date.Year == 2025; date = date.AddDays(4))
            {
                foreach (var threshold in new[] { 0.0, 10.0 })
                {
                    var window = ElevationWindow.For(site, date, TimeZoneInfo.Utc, threshold);
                    var noon = SunTimes.For(site, date, TimeZoneInfo.Utc).SolarNoon;
                    crossings.Add(window.Crossing);
                    Assert.Equal(window.Crossing is SunCrossing.RisesAndSets or SunCrossing.RisesOnly, window.Rises.HasValue);
                    Assert.Equal(window.Crossing is SunCrossing.RisesAndSets or SunCrossing.SetsOnly, window.Falls.HasValue);
                    if (window.Rises is { } rises)
                    {
                        Assert.Equal(threshold, SolarPosition.At(site, rises).Elevation, 0.01);
                        Assert.InRange(noon - rises, TimeSpan.Zero, TimeSpan.FromHours(12.5));
                    }

                    if (window.Falls is { } falls)
                    {
                        Assert.Equal(threshold, SolarPosition.At(site, falls).Elevation, 0.01);
                        Assert.InRange(falls - noon, TimeSpan.Zero, TimeSpan.FromHours(12.5));
                    }
                }
            }
        }

        Assert.Equal(Enum.GetValues<SunCrossing>().ToHashSet(), crossings);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(-90)]
    [InlineData(double.NaN)]
    public void A_threshold_the_sun_cannot_cross_is_refused(double elevation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ElevationWindow.For(PaloAlto, new DateOnly(2025, 6, 1), TimeZoneInfo.Utc, elevation));
    }
}

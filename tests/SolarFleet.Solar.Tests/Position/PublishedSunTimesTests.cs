using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Tests.Position;

/// <summary>Sunrise, solar noon and sunset against published tables, within two minutes, in the tables' local offsets.</summary>
public sealed class PublishedSunTimesTests
{
    [Fact]
    public void Washington_and_Cape_May_on_the_2002_March_equinox_match_the_Naval_Observatory()
    {
        // USNO "Sun and Moon Data for One Day", Wednesday 20 March 2002, Eastern Standard Time, quoted at
        // stevekluge.com/astronomy/equinoxsunrise.html: Washington (W77.0, N38.9) rise 6:12, transit 12:16, set 18:21;
        // Cape May, New Jersey (W74.9, N38.9) rise 6:04, transit 12:07, set 18:12.
        var date = new DateOnly(2002, 3, 20);
        var eastern = Published.Zone("America/New_York");

        AssertDay(SunTimes.For(new GeoPoint(38.9, -77.0), date, eastern), date, -5, (6, 12), (12, 16), (18, 21));
        AssertDay(SunTimes.For(new GeoPoint(38.9, -74.9), date, eastern), date, -5, (6, 4), (12, 7), (18, 12));
    }

    [Fact]
    public void Tromso_in_spring_matches_the_Naval_Observatory_at_seventy_degrees_north()
    {
        // USNO "Sun and Moon Data for One Day" for Tromso (E19.0, N69.5), Universal Time + 1h, quoted at
        // answers.com ("How many hours of daylight in north Norway in April"): 1 April 2014 rise 04:50, transit 11:48,
        // set 18:49; 30 April 2014 rise 02:29, transit 11:41, set 20:58; 17 May 2014 rise 00:29, set 23:06.
        var tromso = new GeoPoint(69.5, 19.0);
        var utcPlusOne = Published.Zone("Etc/GMT-1");

        AssertDay(SunTimes.For(tromso, new DateOnly(2014, 4, 1), utcPlusOne), new DateOnly(2014, 4, 1), 1, (4, 50), (11, 48), (18, 49));
        AssertDay(SunTimes.For(tromso, new DateOnly(2014, 4, 30), utcPlusOne), new DateOnly(2014, 4, 30), 1, (2, 29), (11, 41), (20, 58));

        var lastNight = SunTimes.For(tromso, new DateOnly(2014, 5, 17), utcPlusOne);
        Assert.Equal(SunCrossing.RisesAndSets, lastNight.Crossing);
        Published.Near(Published.At(new DateOnly(2014, 5, 17), 0, 29, 1), lastNight.Sunrise, "sunrise");
        Published.Near(Published.At(new DateOnly(2014, 5, 17), 23, 6, 1), lastNight.Sunset, "sunset");
    }

    [Fact]
    public void Tromso_sees_the_midnight_sun_rise_once_on_18_May_2014_and_set_on_25_July_as_the_Naval_Observatory_says()
    {
        // The same USNO quote: "On May 18, the Sun rises at 0013, and sets again ... 69 DAYS later, at 2320 on July 25."
        var tromso = new GeoPoint(69.5, 19.0);
        var utcPlusOne = Published.Zone("Etc/GMT-1");

        var first = SunTimes.For(tromso, new DateOnly(2014, 5, 18), utcPlusOne);
        var last = SunTimes.For(tromso, new DateOnly(2014, 7, 25), utcPlusOne);

        Assert.Equal(SunCrossing.RisesOnly, first.Crossing);
        Published.Near(Published.At(new DateOnly(2014, 5, 18), 0, 13, 1), first.Sunrise, "first sunrise of the midnight sun");
        Assert.Null(first.Sunset);
        Assert.Equal(SunCrossing.SetsOnly, last.Crossing);
        Assert.Null(last.Sunrise);
        Published.Near(Published.At(new DateOnly(2014, 7, 25), 23, 20, 1), last.Sunset, "last sunset of the midnight sun");
    }

    [Fact]
    public void Tromso_has_the_midnight_sun_at_midsummer_and_polar_night_at_midwinter()
    {
        // Polar night in Tromso lasts from about 26 November to 15 January (Wikipedia, "Tromso", Light and darkness).
        var tromso = new GeoPoint(69.65, 18.96);
        var oslo = Published.Zone("Europe/Oslo");

        var midsummer = SunTimes.For(tromso, new DateOnly(2014, 6, 21), oslo);
        var midwinter = SunTimes.For(tromso, new DateOnly(2014, 12, 21), oslo);

        Assert.True(midsummer.IsMidnightSun);
        Assert.Null(midsummer.Sunrise);
        Assert.Null(midsummer.Sunset);
        Assert.True(midwinter.IsPolarNight);
        Assert.Null(midwinter.Sunrise);
        Assert.Null(midwinter.Sunset);
        Assert.Equal(new DateOnly(2014, 12, 21), DateOnly.FromDateTime(midwinter.SolarNoon.DateTime));
        Assert.Equal(SunCrossing.RisesAndSets, SunTimes.For(tromso, new DateOnly(2014, 7, 28), oslo).Crossing);
    }

    [Fact]
    public void Melbourne_in_October_2025_matches_the_Melbourne_Planetarium_across_the_start_of_daylight_time()
    {
        // Museums Victoria, Melbourne Planetarium "Skynotes October 2025" (rise, set, solar noon); daylight time began
        // on 5 October. Melbourne at 37 50' S, 145 E as the planetarium's rise and set pages give it.
        var melbourne = new GeoPoint(-(37 + (50 / 60.0)), 145.0);
        var zone = Published.Zone("Australia/Melbourne");

        AssertDay(SunTimes.For(melbourne, new DateOnly(2025, 10, 1), zone), new DateOnly(2025, 10, 1), 10, (5, 55), (12, 9), (18, 24));
        AssertDay(SunTimes.For(melbourne, new DateOnly(2025, 10, 11), zone), new DateOnly(2025, 10, 11), 11, (6, 40), (13, 6), (19, 33));
        AssertDay(SunTimes.For(melbourne, new DateOnly(2025, 10, 21), zone), new DateOnly(2025, 10, 21), 11, (6, 26), (13, 4), (19, 43));
        AssertDay(SunTimes.For(melbourne, new DateOnly(2025, 10, 31), zone), new DateOnly(2025, 10, 31), 11, (6, 14), (13, 3), (19, 53));
    }

    [Fact]
    public void Wellington_and_Auckland_near_the_date_line_match_published_times_whose_sunrise_is_the_previous_UTC_day()
    {
        // WeatherWatch.co.nz, "NZ: The days are getting loooonger", 1 August 2015, from timeanddate.com, NZST:
        // Auckland 22 June 07:34-17:11, 1 August 07:20-17:35; Wellington 22 June 07:47-16:58, 1 August 07:30-17:25.
        var zone = Published.Zone("Pacific/Auckland");
        var auckland = new GeoPoint(-36.8485, 174.7633);
        var wellington = new GeoPoint(-41.2866, 174.7756);

        AssertRiseSet(SunTimes.For(auckland, new DateOnly(2015, 6, 22), zone), new DateOnly(2015, 6, 22), 12, (7, 34), (17, 11));
        AssertRiseSet(SunTimes.For(auckland, new DateOnly(2015, 8, 1), zone), new DateOnly(2015, 8, 1), 12, (7, 20), (17, 35));
        AssertRiseSet(SunTimes.For(wellington, new DateOnly(2015, 6, 22), zone), new DateOnly(2015, 6, 22), 12, (7, 47), (16, 58));
        var august = SunTimes.For(wellington, new DateOnly(2015, 8, 1), zone);
        AssertRiseSet(august, new DateOnly(2015, 8, 1), 12, (7, 30), (17, 25));

        Assert.Equal(new DateTime(2015, 7, 31), august.Sunrise!.Value.UtcDateTime.Date);
    }

    [Fact]
    public void American_Samoa_east_of_the_date_line_matches_the_published_last_sunset_of_2011()
    {
        // Samoa News, "'First' last sunset in the world in Poloa tonight" (30 December 2011, as Samoa skipped to
        // 31 December): "Sunset is expected at 6:55 p.m., today, American Samoa time" (UTC-11), at Poloa, 14 19' S
        // 170 50' W. The sunsets of 30 and 31 December there are less than a minute apart.
        var poloa = new GeoPoint(-(14 + (19 / 60.0)), -(170 + (50 / 60.0)));
        var zone = Published.Zone("Pacific/Pago_Pago");

        foreach (var date in new[] { new DateOnly(2011, 12, 30), new DateOnly(2011, 12, 31) })
        {
            Published.Near(Published.At(date, 18, 55, -11), SunTimes.For(poloa, date, zone).Sunset, $"{date} sunset");
        }
    }

    [Fact]
    public void San_Diego_on_the_days_clocks_sprang_forward_rises_and_sets_in_daylight_time()
    {
        // NOAA via Shaw Desh News ("Daylight saving time is nearly here", March 2024): 9 March 2024 sunrise 6:06 PST;
        // 10 March 2024, the first day of daylight time, sunrise 7:04 and sunset 18:53 PDT. timeanddate.com via Evrim
        // Agaci (10 March 2025): 9 March 2025 sunrise 7:06, sunset 18:52 PDT.
        var sanDiego = new GeoPoint(32.7157, -117.1611);
        var zone = Published.Zone("America/Los_Angeles");

        Published.Near(Published.At(new DateOnly(2024, 3, 9), 6, 6, -8), SunTimes.For(sanDiego, new DateOnly(2024, 3, 9), zone).Sunrise, "sunrise");
        AssertRiseSet(SunTimes.For(sanDiego, new DateOnly(2024, 3, 10), zone), new DateOnly(2024, 3, 10), -7, (7, 4), (18, 53));
        AssertRiseSet(SunTimes.For(sanDiego, new DateOnly(2025, 3, 9), zone), new DateOnly(2025, 3, 9), -7, (7, 6), (18, 52));
    }

    private static void AssertDay(SunTimes day, DateOnly date, double offset, (int H, int M) rise, (int H, int M) noon, (int H, int M) set)
    {
        Published.Near(Published.At(date, noon.H, noon.M, offset), day.SolarNoon, $"{date} solar noon");
        AssertRiseSet(day, date, offset, rise, set);
    }

    private static void AssertRiseSet(SunTimes day, DateOnly date, double offset, (int H, int M) rise, (int H, int M) set)
    {
        Assert.Equal(date, day.Date);
        Assert.Equal(SunCrossing.RisesAndSets, day.Crossing);
        Published.Near(Published.At(date, rise.H, rise.M, offset), day.Sunrise, $"{date} sunrise");
        Published.Near(Published.At(date, set.H, set.M, offset), day.Sunset, $"{date} sunset");
    }
}

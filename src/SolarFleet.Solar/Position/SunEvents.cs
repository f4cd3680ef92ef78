namespace SolarFleet.Solar.Position;

/// <summary>
/// Solar noon and the instants the sun's centre crosses a geometric elevation around it. Each crossing starts from
/// the hour angle the sun's declination at noon gives and is refined with the declination and equation of time at
/// the crossing itself, so it holds at high latitudes where those move noticeably within the day.
/// </summary>
internal static class SunEvents
{
    private const double TicksPerDegreeOfHourAngle = TimeSpan.TicksPerDay / 360.0;
    private const long HalfDayTicks = TimeSpan.TicksPerDay / 2;
    private const int Refinements = 6;

    public static Day Solve(GeoPoint site, DateOnly localDate, TimeZoneInfo zone, double geometricElevation)
    {
        var transit = Transit(site, LocalNoonUtcTicks(localDate, zone));
        var sinTarget = Math.Sin(double.DegreesToRadians(geometricElevation));
        var cosHalfDay = CosHourAngle(site, SolarEphemeris.At(transit), sinTarget);
        if (double.IsNaN(cosHalfDay) || cosHalfDay > 1)
        {
            // Even at its highest the sun stays below.
            return new Day(transit, null, null, SunCrossing.StaysBelow);
        }

        // Above at noon, the sun crosses on a side of noon if it is below at that side's midnight. On the first and
        // last days of the midnight sun only one side qualifies, as the declination moves over the day.
        var halfDay = (long)(double.RadiansToDegrees(Math.Acos(Math.Max(cosHalfDay, -1))) * TicksPerDegreeOfHourAngle);
        long? rises = DipsBelow(site, transit - HalfDayTicks, sinTarget) ? Crossing(site, transit - halfDay, -1, sinTarget) : null;
        long? falls = DipsBelow(site, transit + HalfDayTicks, sinTarget) ? Crossing(site, transit + halfDay, 1, sinTarget) : null;
        var crossing = (rises, falls) switch
        {
            ({ }, { }) => SunCrossing.RisesAndSets,
            ({ }, null) => SunCrossing.RisesOnly,
            (null, { }) => SunCrossing.SetsOnly,
            _ => SunCrossing.StaysAbove,
        };
        return new Day(transit, rises, falls, crossing);
    }

    public static DateTimeOffset ToLocal(long utcTicks, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), zone);

    private static long LocalNoonUtcTicks(DateOnly localDate, TimeZoneInfo zone)
    {
        // A wall-clock time read in the zone; noon is never inside a clock change, and a date a zone skipped
        // (Samoa's 30 December 2011) still gets an offset rather than an exception.
        var noon = localDate.ToDateTime(new TimeOnly(12, 0));
        return noon.Ticks - zone.GetUtcOffset(noon).Ticks;
    }

    /// <summary>The solar noon nearest an instant: where the hour angle is zero.</summary>
    private static long Transit(GeoPoint site, long nearTicks)
    {
        var ticks = nearTicks;
        for (var i = 0; i < 3; i++)
        {
            var hourAngle = SolarEphemeris.At(ticks).HourAngleDegrees(site.Longitude, ticks);
            ticks -= (long)(hourAngle * TicksPerDegreeOfHourAngle);
        }

        return ticks;
    }

    /// <summary>Whether the sun, at its lowest around a midnight, stands below the target elevation.</summary>
    private static bool DipsBelow(GeoPoint site, long midnightTicks, double sinTarget) =>
        CosHourAngle(site, SolarEphemeris.At(midnightTicks), sinTarget) >= -1;

    /// <param name="side">-1 for the crossing before noon (rising), 1 for the one after (setting).</param>
    private static long Crossing(GeoPoint site, long estimateTicks, int side, double sinTarget)
    {
        var ticks = estimateTicks;
        for (var i = 0; i < Refinements; i++)
        {
            var sun = SolarEphemeris.At(ticks);

            // Clamped: where the sun only grazes the elevation, the crossing is the grazing point.
            var cosHourAngle = Math.Clamp(CosHourAngle(site, sun, sinTarget), -1, 1);
            var wanted = side * double.RadiansToDegrees(Math.Acos(cosHourAngle));
            var step = Angles.Normalize180(wanted - sun.HourAngleDegrees(site.Longitude, ticks));
            ticks += (long)(step * TicksPerDegreeOfHourAngle);
            if (Math.Abs(step) < 1e-5)
            {
                break;
            }
        }

        return ticks;
    }

    /// <summary>Cosine of the hour angle at which the sun's centre stands at the target elevation; outside [-1, 1] when it never does.</summary>
    private static double CosHourAngle(GeoPoint site, in SolarEphemeris sun, double sinTarget)
    {
        var (sinLatitude, cosLatitude) = Math.SinCos(double.DegreesToRadians(site.Latitude));
        return (sinTarget - (sinLatitude * sun.SinDeclination)) / (cosLatitude * sun.CosDeclination);
    }

    internal readonly record struct Day(long TransitTicks, long? RisesTicks, long? FallsTicks, SunCrossing Crossing)
    {
        public DateTimeOffset? Rises(TimeZoneInfo zone) => RisesTicks is { } ticks ? ToLocal(ticks, zone) : null;

        public DateTimeOffset? Falls(TimeZoneInfo zone) => FallsTicks is { } ticks ? ToLocal(ticks, zone) : null;
    }
}

namespace SolarFleet.Solar.Position;

/// <summary>
/// The sun's position from a site: Meeus's low-precision solar coordinates (the algorithm of NOAA's solar calculator),
/// good to about 0.01 degrees, plus refraction for a standard atmosphere. Allocation-free.
/// </summary>
public static class SolarPosition
{
    public static SunPosition At(GeoPoint site, DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return Observe(SolarEphemeris.At(ticks), site, ticks);
    }

    /// <summary>
    /// Whether the sun's apparent centre stands above <paramref name="elevationDegrees"/> at a site: what a daylight rule
    /// asks before treating zero output as a fault (low sun is shaded by neighbours and trees).
    /// </summary>
    public static bool IsAbove(GeoPoint site, DateTimeOffset instant, double elevationDegrees)
    {
        if (double.IsNaN(elevationDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(elevationDegrees), elevationDegrees, "The elevation must be a number of degrees.");
        }

        return At(site, instant).Elevation > elevationDegrees;
    }

    /// <summary>Every site's view of the sun at one instant; the sun's coordinates are worked out once for all of them.</summary>
    public static void At(ReadOnlySpan<GeoPoint> sites, DateTimeOffset instant, Span<SunPosition> positions)
    {
        if (positions.Length < sites.Length)
        {
            throw new ArgumentException($"There are {sites.Length} sites but room for only {positions.Length} positions.", nameof(positions));
        }

        var ticks = instant.UtcTicks;
        var sun = SolarEphemeris.At(ticks);
        for (var i = 0; i < sites.Length; i++)
        {
            positions[i] = Observe(sun, sites[i], ticks);
        }
    }

    private static SunPosition Observe(in SolarEphemeris sun, GeoPoint site, long utcTicks)
    {
        var (sinLatitude, cosLatitude) = Math.SinCos(double.DegreesToRadians(site.Latitude));
        var (sinHourAngle, cosHourAngle) = Math.SinCos(double.DegreesToRadians(sun.HourAngleDegrees(site.Longitude, utcTicks)));

        var cosZenith = (sinLatitude * sun.SinDeclination) + (cosLatitude * sun.CosDeclination * cosHourAngle);
        var geometricElevation = 90 - double.RadiansToDegrees(Math.Acos(Math.Clamp(cosZenith, -1, 1)));
        var elevation = geometricElevation + Refraction.Degrees(geometricElevation);

        // Measured from south towards west, then turned to clockwise from north.
        var fromSouth = Math.Atan2(
            sinHourAngle * sun.CosDeclination,
            (cosHourAngle * sinLatitude * sun.CosDeclination) - (sun.SinDeclination * cosLatitude));
        var azimuth = double.RadiansToDegrees(fromSouth) + 180;
        if (azimuth >= 360)
        {
            azimuth -= 360;
        }

        return new SunPosition(90 - elevation, elevation, azimuth, sun.DistanceAu);
    }
}

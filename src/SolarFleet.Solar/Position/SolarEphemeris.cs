namespace SolarFleet.Solar.Position;

/// <summary>
/// Where the sun is against the stars at one instant, the same for every site: the low-precision solar
/// coordinates of J. Meeus, <i>Astronomical Algorithms</i> (2nd ed., 1998, ch. 25), as used by NOAA's solar
/// calculator. About 0.01 degrees from the true position for years 1800-2100; universal time stands in for
/// dynamical time (some 70 s apart today), which moves the sun by less than 0.001 degrees.
/// </summary>
internal readonly struct SolarEphemeris
{
    private const double MinutesPerDegreeOfHourAngle = 4;

    /// <summary>2000-01-01 12:00 UTC, the J2000.0 epoch the series are written about.</summary>
    private static readonly long J2000Ticks = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).Ticks;

    private SolarEphemeris(double sinDeclination, double cosDeclination, double equationOfTimeMinutes, double distanceAu)
    {
        SinDeclination = sinDeclination;
        CosDeclination = cosDeclination;
        EquationOfTimeMinutes = equationOfTimeMinutes;
        DistanceAu = distanceAu;
    }

    public double SinDeclination { get; }

    public double CosDeclination { get; }

    /// <summary>Apparent minus mean solar time, in minutes.</summary>
    public double EquationOfTimeMinutes { get; }

    /// <summary>Earth-sun distance in astronomical units.</summary>
    public double DistanceAu { get; }

    public static SolarEphemeris At(long utcTicks)
    {
        // Julian centuries since J2000.0.
        var t = (utcTicks - J2000Ticks) / (TimeSpan.TicksPerDay * 36525.0);

        var meanLongitude = Degrees(280.46646 + (t * (36000.76983 + (t * 0.0003032))));
        var meanAnomaly = Degrees(357.52911 + (t * (35999.05029 - (0.0001537 * t))));
        var eccentricity = 0.016708634 - (t * (0.000042037 + (0.0000001267 * t)));

        var (sinM, cosM) = Math.SinCos(meanAnomaly);
        var sin2M = 2 * sinM * cosM;
        var sin3M = sinM * (3 - (4 * sinM * sinM));
        var equationOfCentre = double.DegreesToRadians(
            (sinM * (1.914602 - (t * (0.004817 + (0.000014 * t)))))
            + (sin2M * (0.019993 - (0.000101 * t)))
            + (sin3M * 0.000289));
        var trueAnomaly = meanAnomaly + equationOfCentre;
        var distance = 1.000001018 * (1 - (eccentricity * eccentricity)) / (1 + (eccentricity * Math.Cos(trueAnomaly)));

        // Nutation and aberration, reduced to the longitude of the moon's ascending node.
        var (sinNode, cosNode) = Math.SinCos(Degrees(125.04 - (1934.136 * t)));
        var apparentLongitude = meanLongitude + equationOfCentre - double.DegreesToRadians(0.00569 + (0.00478 * sinNode));
        var meanObliquity = 23 + ((26 + ((21.448 - (t * (46.815 + (t * (0.00059 - (t * 0.001813)))))) / 60)) / 60);
        var obliquity = double.DegreesToRadians(meanObliquity + (0.00256 * cosNode));

        var sinDeclination = Math.Sin(obliquity) * Math.Sin(apparentLongitude);
        var cosDeclination = Math.Sqrt(1 - (sinDeclination * sinDeclination));

        var y = Math.Tan(obliquity / 2);
        y *= y;
        var (sin2L, cos2L) = Math.SinCos(2 * meanLongitude);
        var sin4L = 2 * sin2L * cos2L;
        var equationOfTime = (y * sin2L)
            - (2 * eccentricity * sinM)
            + (4 * eccentricity * y * sinM * cos2L)
            - (0.5 * y * y * sin4L)
            - (1.25 * eccentricity * eccentricity * sin2M);

        return new SolarEphemeris(
            sinDeclination, cosDeclination, double.RadiansToDegrees(equationOfTime) * MinutesPerDegreeOfHourAngle, distance);
    }

    /// <summary>The sun's local hour angle at a longitude, in degrees within [-180, 180): negative before solar noon.</summary>
    public double HourAngleDegrees(double longitude, long utcTicks)
    {
        var minutesOfDay = (double)(utcTicks % TimeSpan.TicksPerDay) / TimeSpan.TicksPerMinute;
        var trueSolarMinutes = minutesOfDay + EquationOfTimeMinutes + (MinutesPerDegreeOfHourAngle * longitude);
        return Angles.Normalize180((trueSolarMinutes / MinutesPerDegreeOfHourAngle) - 180);
    }

    /// <summary>Radians of an angle given in degrees, reduced to one turn first so large angles keep their precision.</summary>
    private static double Degrees(double degrees) => double.DegreesToRadians(degrees % 360);
}

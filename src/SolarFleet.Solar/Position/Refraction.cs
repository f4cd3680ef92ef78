namespace SolarFleet.Solar.Position;

/// <summary>
/// How much the atmosphere lifts the sun's image, for a standard atmosphere: the piecewise fit of NOAA's solar
/// calculator (after Bennett's formula above 5 degrees of elevation).
/// </summary>
internal static class Refraction
{
    /// <summary>Degrees to add to a geometric elevation to get the apparent one.</summary>
    public static double Degrees(double geometricElevation)
    {
        if (geometricElevation > 85)
        {
            return 0;
        }

        double arcSeconds;
        if (geometricElevation > 5)
        {
            var tan = Math.Tan(double.DegreesToRadians(geometricElevation));
            var tan3 = tan * tan * tan;
            arcSeconds = (58.1 / tan) - (0.07 / tan3) + (0.000086 / (tan3 * tan * tan));
        }
        else if (geometricElevation > -0.575)
        {
            var e = geometricElevation;
            arcSeconds = 1735 + (e * (-518.2 + (e * (103.4 + (e * (-12.79 + (e * 0.711)))))));
        }
        else
        {
            arcSeconds = -20.774 / Math.Tan(double.DegreesToRadians(geometricElevation));
        }

        return arcSeconds / 3600;
    }

    /// <summary>The geometric elevation at which the sun appears at <paramref name="apparentElevation"/>.</summary>
    public static double GeometricElevation(double apparentElevation)
    {
        // Refraction changes slowly with elevation, so a few substitutions settle well below a millidegree.
        var geometric = apparentElevation;
        for (var i = 0; i < 8; i++)
        {
            geometric = apparentElevation - Degrees(geometric);
        }

        return geometric;
    }
}

namespace SolarFleet.Solar.Sky;

/// <summary>How much air the sun's light crosses, relative to straight down at sea level.</summary>
internal static class Airmass
{
    /// <summary>
    /// F. Kasten and A. T. Young, "Revised optical air mass tables and approximation formula", Applied Optics 28
    /// (1989) 4735-4738; for the apparent zenith angle, finite down to the horizon.
    /// </summary>
    public static double Relative(double apparentZenithDegrees) =>
        1 / (Math.Cos(double.DegreesToRadians(apparentZenithDegrees)) + (0.50572 * Math.Pow(96.07995 - apparentZenithDegrees, -1.6364)));

    /// <summary>Relative air mass scaled by the standard atmosphere's pressure at an altitude (ISO 2533 barometric formula).</summary>
    public static double Absolute(double apparentZenithDegrees, double altitudeMetres) =>
        Relative(apparentZenithDegrees) * Math.Pow(1 - (2.25577e-5 * altitudeMetres), 5.25588);
}

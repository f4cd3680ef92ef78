using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>
/// Global light split into beam and sky light by the diffuse fraction's dependence on the clearness index (the
/// share of the light reaching the top of the atmosphere that reaches the ground): D. G. Erbs, S. A. Klein and
/// J. A. Duffie, "Estimation of the diffuse radiation fraction for hourly, daily and monthly-average global
/// radiation", Solar Energy 28 (1982) 293-302.
/// </summary>
internal static class ErbsDecomposition
{
    // Near the horizon the clearness index divides by almost nothing and the beam by less; these keep both sane.
    private const double MinCosZenithForClearness = 0.065;
    private const double MaxZenithForBeam = 87;

    public static Irradiance Split(double ghi, SunPosition sun)
    {
        if (ghi <= 0 || !sun.IsAboveHorizon)
        {
            return Irradiance.None;
        }

        var cosZenith = Math.Cos(double.DegreesToRadians(sun.Zenith));
        var clearness = ghi / (Irradiance.Extraterrestrial(sun.DistanceAu) * Math.Max(cosZenith, MinCosZenithForClearness));
        var diffuse = ghi * DiffuseFraction(Math.Min(clearness, 1));
        var beam = sun.Zenith > MaxZenithForBeam ? 0 : (ghi - diffuse) / cosZenith;
        return new Irradiance(ghi, beam, sun.Zenith > MaxZenithForBeam ? ghi : diffuse);
    }

    public static double DiffuseFraction(double clearness) => clearness switch
    {
        <= 0.22 => 1 - (0.09 * clearness),
        <= 0.80 => 0.9511 - (0.1604 * clearness) + (4.388 * clearness * clearness) - (16.638 * Math.Pow(clearness, 3)) + (12.336 * Math.Pow(clearness, 4)),
        _ => 0.165,
    };
}

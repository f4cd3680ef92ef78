using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>
/// B. Haurwitz, "Insolation in relation to cloudiness and cloud density", J. Meteorology 2 (1945), in the form
/// evaluated by Reno, Hansen and Stein (Sandia SAND2012-2389): GHI = 1098 cos z exp(-0.059 / cos z). Needs only the
/// zenith angle; the best of such models in that evaluation.
/// </summary>
internal sealed class HaurwitzModel : ClearSkyModel
{
    public static double Ghi(double zenithDegrees)
    {
        if (double.IsNaN(zenithDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(zenithDegrees), zenithDegrees, "The zenith angle must be a number of degrees.");
        }

        var cosZenith = Math.Cos(double.DegreesToRadians(zenithDegrees));
        return zenithDegrees >= 90 || cosZenith <= 0 ? 0 : 1098 * cosZenith * Math.Exp(-0.059 / cosZenith);
    }

    public override Irradiance At(SunPosition sun) => ErbsDecomposition.Split(Ghi(sun.Zenith), sun);
}

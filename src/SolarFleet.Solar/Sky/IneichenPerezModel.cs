using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>
/// P. Ineichen and R. Perez, "A new airmass independent formulation for the Linke turbidity coefficient", Solar
/// Energy 73 (2002) 151-157, with the beam bound of Perez et al., Solar Energy 73 (2002) 307-317. Global and beam
/// light each come from the air mass (pressure-corrected) and the Linke turbidity, with altitude terms; sky light is
/// what is left. The low-sun factor exp(0.01 AM^1.8) of the paper is left out, as it overshoots near the horizon.
/// </summary>
internal sealed class IneichenPerezModel : ClearSkyModel
{
    /// <summary>A moderately clean mid-latitude atmosphere; the monthly turbidity climatology is not bundled.</summary>
    public const double DefaultLinkeTurbidity = 3;

    private readonly double _altitude;
    private readonly double _turbidity;
    private readonly double _cg1;
    private readonly double _cg2;
    private readonly double _fh1;
    private readonly double _fh2;

    public IneichenPerezModel(double altitudeMetres, double linkeTurbidity)
    {
        if (!double.IsFinite(altitudeMetres) || altitudeMetres is < -500 or > 9000)
        {
            throw new ArgumentOutOfRangeException(nameof(altitudeMetres), altitudeMetres, "Altitude must be within -500..9000 m.");
        }

        if (!double.IsFinite(linkeTurbidity) || linkeTurbidity is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(linkeTurbidity), linkeTurbidity, "Linke turbidity must be within 1..10 (1 is a clean, dry sky).");
        }

        _altitude = altitudeMetres;
        _turbidity = linkeTurbidity;
        _cg1 = (5.09e-5 * altitudeMetres) + 0.868;
        _cg2 = (3.92e-5 * altitudeMetres) + 0.0387;
        _fh1 = Math.Exp(-altitudeMetres / 8000);
        _fh2 = Math.Exp(-altitudeMetres / 1250);
    }

    public override Irradiance At(SunPosition sun)
    {
        if (!sun.IsAboveHorizon)
        {
            return Irradiance.None;
        }

        var cosZenith = Math.Cos(double.DegreesToRadians(sun.Zenith));
        var airmass = Airmass.Absolute(sun.Zenith, _altitude);
        var extraterrestrial = Irradiance.Extraterrestrial(sun.DistanceAu);

        var ghi = _cg1 * extraterrestrial * cosZenith * Math.Exp(-_cg2 * airmass * (_fh1 + (_fh2 * (_turbidity - 1))));
        var beam = (0.664 + (0.163 / _fh1)) * extraterrestrial * Math.Exp(-0.09 * airmass * (_turbidity - 1));
        var beamBound = ghi * (1 - ((0.1 - (0.2 * Math.Exp(-_turbidity))) / (0.1 + (0.882 / _fh1)))) / cosZenith;
        var dni = Math.Min(beam, beamBound);
        return new Irradiance(ghi, dni, ghi - (dni * cosZenith));
    }
}

using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>
/// Light on a tilted plane with sky light equally bright from every direction (B. Y. H. Liu and R. C. Jordan, 1963):
/// the beam by the cosine of its angle of incidence, the sky by the share of the sky the plane sees, and light
/// reflected from the ground by the share of the ground it sees.
/// </summary>
internal static class IsotropicSky
{
    public static double PlaneOfArray(Irradiance light, SunPosition sun, PanelOrientation panel)
    {
        var (sinTilt, cosTilt) = Math.SinCos(double.DegreesToRadians(panel.Tilt));
        var (sinZenith, cosZenith) = Math.SinCos(double.DegreesToRadians(sun.Zenith));
        var cosIncidence = (cosZenith * cosTilt) + (sinZenith * sinTilt * Math.Cos(double.DegreesToRadians(sun.Azimuth - panel.Azimuth)));

        var beam = light.DirectNormal * Math.Max(cosIncidence, 0);
        var sky = light.Diffuse * (1 + cosTilt) / 2;
        var ground = light.Global * panel.Albedo * (1 - cosTilt) / 2;
        return beam + sky + ground;
    }
}

namespace SolarFleet.Solar.Sky;

/// <summary>Sunlight at the ground, in W/m².</summary>
/// <param name="Global">Global horizontal irradiance (GHI): everything falling on a level surface.</param>
/// <param name="DirectNormal">Direct normal irradiance (DNI): the sun's beam, on a surface facing it.</param>
/// <param name="Diffuse">Diffuse horizontal irradiance (DHI): skylight falling on a level surface.</param>
public readonly record struct Irradiance(double Global, double DirectNormal, double Diffuse)
{
    public static Irradiance None => default;

    /// <summary>Mean solar irradiance at 1 AU (Kopp and Lean 2011, 1360.8 ± 0.5 W/m²).</summary>
    public const double SolarConstant = 1361;

    /// <summary>Sunlight on a surface facing the sun at the top of the atmosphere, for an Earth-sun distance.</summary>
    public static double Extraterrestrial(double distanceAu) => SolarConstant / (distanceAu * distanceAu);
}

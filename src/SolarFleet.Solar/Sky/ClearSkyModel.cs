using SolarFleet.Solar.Position;

namespace SolarFleet.Solar.Sky;

/// <summary>Sunlight at the ground under a cloudless sky, as a function of where the sun is.</summary>
public abstract class ClearSkyModel
{
    /// <summary>Haurwitz (1945): global light from the zenith angle alone, split into beam and sky light by Erbs et al. (1982).</summary>
    public static ClearSkyModel Haurwitz { get; } = new HaurwitzModel();

    /// <summary>Ineichen and Perez (2002) for a site's altitude and an atmosphere's Linke turbidity.</summary>
    public static ClearSkyModel IneichenPerez(double altitudeMetres = 0, double linkeTurbidity = IneichenPerezModel.DefaultLinkeTurbidity) =>
        new IneichenPerezModel(altitudeMetres, linkeTurbidity);

    /// <summary>Irradiance in W/m²; none while the sun is below the horizon.</summary>
    public abstract Irradiance At(SunPosition sun);
}

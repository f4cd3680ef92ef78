namespace SolarFleet.Solar.Sky;

/// <summary>Which way an array faces.</summary>
public readonly record struct PanelOrientation
{
    /// <summary>Ground reflectance of grass and most roofs' surroundings.</summary>
    public const double DefaultAlbedo = 0.2;

    /// <param name="tilt">Degrees from horizontal, 0..90.</param>
    /// <param name="azimuth">Degrees clockwise from north that the panels face, 0..360 (180 faces south).</param>
    /// <param name="albedo">Fraction of the light on the ground that it reflects, 0..1.</param>
    public PanelOrientation(double tilt, double azimuth, double albedo = DefaultAlbedo)
    {
        if (!double.IsFinite(tilt) || tilt is < 0 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(tilt), tilt, "Tilt must be within 0..90 degrees from horizontal.");
        }

        if (!double.IsFinite(azimuth) || azimuth is < 0 or > 360)
        {
            throw new ArgumentOutOfRangeException(nameof(azimuth), azimuth, "Azimuth must be within 0..360 degrees clockwise from north.");
        }

        if (!double.IsFinite(albedo) || albedo is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(albedo), albedo, "Albedo must be within 0..1.");
        }

        Tilt = tilt;
        Azimuth = azimuth;
        Albedo = albedo;
    }

    public static PanelOrientation Horizontal { get; } = new(0, 180);

    public double Tilt { get; }

    public double Azimuth { get; }

    public double Albedo { get; }
}

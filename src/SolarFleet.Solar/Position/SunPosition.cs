namespace SolarFleet.Solar.Position;

/// <summary>The sun as seen from a site at one instant.</summary>
/// <param name="Zenith">Degrees from straight up to the sun's apparent centre (90 minus <paramref name="Elevation"/>).</param>
/// <param name="Elevation">Apparent elevation in degrees, with standard atmospheric refraction; negative below the horizon.</param>
/// <param name="Azimuth">Degrees clockwise from true north, within [0, 360).</param>
/// <param name="DistanceAu">Earth-sun distance in astronomical units, which scales the sunlight arriving at the top of the atmosphere.</param>
public readonly record struct SunPosition(double Zenith, double Elevation, double Azimuth, double DistanceAu)
{
    public bool IsAboveHorizon => Elevation > 0;
}

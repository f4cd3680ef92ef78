namespace SolarFleet.Solar.Position;

/// <summary>
/// Sunrise, solar noon and sunset of one local date at a site, in the zone's local offset of each instant. Sunrise and
/// sunset are when the sun's upper edge meets a level horizon (its centre 0.833 degrees below it, geometrically).
/// </summary>
/// <remarks>
/// The day is the one whose solar noon falls nearest local noon of the date; at high latitudes its sunrise or sunset
/// can fall on the date before or after (Reykjavik's June sunsets come after midnight).
/// </remarks>
/// <param name="Sunrise">Null when the sun does not rise that day (<paramref name="Crossing"/> says why).</param>
/// <param name="Sunset">Null when the sun does not set that day.</param>
public sealed record SunTimes(DateOnly Date, DateTimeOffset SolarNoon, DateTimeOffset? Sunrise, DateTimeOffset? Sunset, SunCrossing Crossing)
{
    /// <summary>Geometric elevation of the sun's centre at sunrise and sunset: 34' of refraction and 16' of semi-diameter.</summary>
    public const double SunriseGeometricElevation = -0.833;

    public bool IsPolarNight => Crossing == SunCrossing.StaysBelow;

    public bool IsMidnightSun => Crossing == SunCrossing.StaysAbove;

    public static SunTimes For(GeoPoint site, DateOnly localDate, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = SunEvents.Solve(site, localDate, zone, SunriseGeometricElevation);
        return new SunTimes(localDate, SunEvents.ToLocal(day.TransitTicks, zone), day.Rises(zone), day.Falls(zone), day.Crossing);
    }
}

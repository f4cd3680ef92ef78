namespace SolarFleet.Solar.Position;

/// <summary>
/// When the sun's centre rises above an apparent elevation on one local date at a site and when it falls below it
/// again, in the zone's local offset of each instant. The day is the one <see cref="SunTimes"/> uses.
/// </summary>
/// <param name="Elevation">The threshold, apparent elevation in degrees as <see cref="SunPosition.Elevation"/> gives it.</param>
/// <param name="Rises">Null when the sun does not rise above the threshold that day (<paramref name="Crossing"/> says why).</param>
/// <param name="Falls">Null when the sun does not fall below the threshold that day.</param>
public sealed record ElevationWindow(DateOnly Date, double Elevation, DateTimeOffset? Rises, DateTimeOffset? Falls, SunCrossing Crossing)
{
    public static ElevationWindow For(GeoPoint site, DateOnly localDate, TimeZoneInfo zone, double elevationDegrees)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!double.IsFinite(elevationDegrees) || elevationDegrees is <= -90 or >= 90)
        {
            throw new ArgumentOutOfRangeException(nameof(elevationDegrees), elevationDegrees, "The elevation must be strictly within -90..90 degrees.");
        }

        var day = SunEvents.Solve(site, localDate, zone, Refraction.GeometricElevation(elevationDegrees));
        return new ElevationWindow(localDate, elevationDegrees, day.Rises(zone), day.Falls(zone), day.Crossing);
    }
}

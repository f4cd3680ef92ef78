using System.Globalization;
using SolarFleet.Solar;
using SolarFleet.Solar.Position;

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// Whether the sun has been well up at a site for long enough that a healthy inverter must be awake. A site without
/// coordinates is judged from its time zone's principal city (<see cref="SiteLocation.IsApproximate"/>); one without
/// either gets no daylight verdict, and <see cref="Describe"/> says so.
/// </summary>
public sealed class Daylight
{
    private readonly DaylightOptions _options;

    public Daylight(SiteLocation? location, DaylightOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Location = location;
        _options = options;
    }

    public SiteLocation? Location { get; }

    /// <summary>Whether daylight alerts are on for this site.</summary>
    public bool IsJudged => _options.Enabled && Location is not null;

    /// <summary>For a site with the given coordinates (both or neither) and zone.</summary>
    public static Daylight For(double? latitude, double? longitude, string timeZone, DaylightOptions options)
    {
        var coordinates = latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        return new Daylight(SiteLocation.Of(coordinates, timeZone), options);
    }

    /// <summary>
    /// True when the sun is above the threshold now and was <see cref="DaylightOptions.DarkAfter"/> ago; false when it is
    /// not; null when daylight is not judged here. Checking both ends is enough: within a day the elevation rises once
    /// and falls once, so it cannot dip below a threshold between two moments above it.
    /// </summary>
    public bool? SunUpLongEnough(DateTimeOffset now)
    {
        if (!IsJudged)
        {
            return null;
        }

        var site = Location!.Point;
        var elevation = _options.MinElevationDegrees + (Location.IsApproximate ? _options.ApproximateMarginDegrees : 0);
        return SolarPosition.IsAbove(site, now, elevation)
            && SolarPosition.IsAbove(site, now - _options.DarkAfter, elevation);
    }

    /// <summary>The sun's elevation now, in degrees, or null when daylight is not judged.</summary>
    public double? ElevationAt(DateTimeOffset now) => IsJudged ? SolarPosition.At(Location!.Point, now).Elevation : null;

    /// <summary>How daylight is judged at this site, in words for people.</summary>
    public string Describe() => !_options.Enabled ? "Daylight alerts are turned off (SolarFleet:Alerts:Daylight:Enabled)."
        : Location is null ? "Daylight alerts are off: the site has no coordinates and its time zone names no known place."
        : Location.IsApproximate
            ? string.Create(CultureInfo.InvariantCulture, $"Daylight is approximate: the site has no coordinates, so the sun is placed as at {Location.ApproximatedFromZone} ({Location.Point.Latitude:0.##}, {Location.Point.Longitude:0.##}).")
            : "Daylight is computed from the site's coordinates.";
}

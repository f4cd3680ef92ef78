using System.Diagnostics.CodeAnalysis;
using SolarFleet.Solar.Zones;

namespace SolarFleet.Solar;

/// <summary>
/// Where a site is as far as the fleet knows: its own coordinates, or, for a site without them, the principal city
/// of its time zone. The latter can be hundreds of kilometres off (sun times by half an hour or more), so it is
/// marked, and texts built on it should say it is approximate.
/// </summary>
public sealed record SiteLocation
{
    private SiteLocation(GeoPoint point, string? approximatedFromZone)
    {
        Point = point;
        ApproximatedFromZone = approximatedFromZone;
    }

    public GeoPoint Point { get; }

    /// <summary>The IANA zone whose principal city stands in for the site; null for the site's own coordinates.</summary>
    public string? ApproximatedFromZone { get; }

    [MemberNotNullWhen(true, nameof(ApproximatedFromZone))]
    public bool IsApproximate => ApproximatedFromZone is not null;

    public static SiteLocation Exact(GeoPoint point) => new(point, null);

    public static SiteLocation Approximate(GeoPoint point, string zoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zoneId);
        return new(point, zoneId);
    }

    /// <summary>The site's coordinates when it has them, else its zone's city (<see cref="ZoneLocator.Default"/> unless given); null when neither is known.</summary>
    public static SiteLocation? Of(GeoPoint? coordinates, string? zoneId, ZoneLocator? zones = null)
    {
        if (coordinates is { } point)
        {
            return Exact(point);
        }

        return string.IsNullOrWhiteSpace(zoneId) ? null : (zones ?? ZoneLocator.Default).Locate(zoneId);
    }
}

using System.Globalization;

namespace SolarFleet.Solar;

/// <summary>A place on the Earth in degrees: latitude north positive, longitude east positive.</summary>
public readonly record struct GeoPoint
{
    public GeoPoint(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within -90..90 degrees (north positive).");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within -180..180 degrees (east positive).");
        }

        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>Degrees, north positive.</summary>
    public double Latitude { get; }

    /// <summary>Degrees, east positive.</summary>
    public double Longitude { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Latitude:0.####}, {Longitude:0.####})");
}

using System.Globalization;
using SolarFleet.Simulator.Solar;

namespace SolarFleet.Simulator.Sites;

/// <summary>Where simulated Pis live: a position for the sun and an IANA time zone for the local clock.</summary>
public sealed class SimulatedSite
{
    public SimulatedSite(string name, double latitude, double longitude, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within -90..90 degrees.");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within -180..180 degrees (east positive).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            throw new ArgumentException($"Unknown time zone '{timeZoneId}'.", nameof(timeZoneId));
        }

        Name = name;
        Latitude = latitude;
        Longitude = longitude;
        TimeZoneId = timeZoneId;
        TimeZone = zone;
    }

    /// <summary>Palo Alto, California: the default site.</summary>
    public static SimulatedSite Default { get; } = new("palo-alto", 37.4, -122.1, "America/Los_Angeles");

    public string Name { get; }

    /// <summary>Degrees, north positive.</summary>
    public double Latitude { get; }

    /// <summary>Degrees, east positive.</summary>
    public double Longitude { get; }

    public string TimeZoneId { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Sunrise, solar noon and sunset of a local date at this site.</summary>
    public SunTimes SunTimesOn(DateOnly localDate) => SolarDay.Compute(this, localDate).ToSunTimes(TimeZone);

    /// <summary>The site's local wall-clock time of an instant.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, TimeZone);

    /// <summary>The instant a local wall-clock time occurs (a time skipped by a clock change moves forward an hour).</summary>
    public DateTimeOffset Instant(DateTime localTime)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, TimeZone), TimeSpan.Zero);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({Latitude:0.###}, {Longitude:0.###}, {TimeZoneId})");
}

namespace SolarFleet.Abstractions.Sites;

/// <summary>A home: its name, its IANA time zone (which decides its "today"), and optionally where it is.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteSettings(string Name, string TimeZone, double? Latitude = null, double? Longitude = null);

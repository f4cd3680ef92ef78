namespace SolarFleet.Abstractions.Inverters;

/// <summary>
/// What a site hands its inverter grain: the settings plus the site facts the grain needs (time zone, and where the
/// site is, which decides when the sun is up there).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InverterRegistration(
    string SiteId,
    string InverterId,
    string TimeZone,
    InverterSettings Settings,
    double? Latitude = null,
    double? Longitude = null);

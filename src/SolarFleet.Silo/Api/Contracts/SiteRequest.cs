namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/sites/{siteId}.</summary>
public sealed record SiteRequest(string? Name, string? TimeZone, double? Latitude, double? Longitude);

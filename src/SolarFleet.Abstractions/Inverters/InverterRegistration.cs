namespace SolarFleet.Abstractions.Inverters;

/// <summary>What a site hands its inverter grain: the settings plus the site facts the grain needs (time zone).</summary>
[GenerateSerializer, Immutable]
public sealed record InverterRegistration(string SiteId, string InverterId, string TimeZone, InverterSettings Settings);

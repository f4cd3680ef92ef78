namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/fleet (and of GET /api/fleet/document): the whole fleet, declared. Sites absent from it are removed.</summary>
public sealed record FleetDocument(IReadOnlyList<FleetDocumentSite?>? Sites);

/// <summary>One site of a fleet document, with its inverters.</summary>
public sealed record FleetDocumentSite(
    string? Id,
    string? Name,
    string? TimeZone,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<FleetDocumentInverter?>? Inverters);

/// <summary>One inverter of a fleet document site.</summary>
public sealed record FleetDocumentInverter(string? Id, string? Host, int? Port, int? PollSeconds, string? PowerTotalUnit);

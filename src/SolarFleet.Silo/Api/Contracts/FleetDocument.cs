using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/fleet (and of GET /api/fleet/document): the whole fleet, declared. Sites absent from it are removed.</summary>
public sealed record FleetDocument(
    [property: Required, Description("Every site of the fleet, each with exactly its inverters.")] IReadOnlyList<FleetDocumentSite?>? Sites);

/// <summary>One site of a fleet document, with its inverters.</summary>
public sealed record FleetDocumentSite(
    [property: Required, RegularExpression(RequestValidator.IdPattern)] string? Id,
    [property: Required, StringLength(RequestValidator.MaxNameLength, MinimumLength = 1)] string? Name,
    [property: Required, Description("An IANA time zone.")] string? TimeZone,
    [property: Range(-90, 90)] double? Latitude,
    [property: Range(-180, 180)] double? Longitude,
    [property: Description("The site's inverters; none when left out.")] IReadOnlyList<FleetDocumentInverter?>? Inverters);

/// <summary>One inverter of a fleet document site.</summary>
public sealed record FleetDocumentInverter(
    [property: Required, RegularExpression(RequestValidator.IdPattern)] string? Id,
    [property: Required, StringLength(RequestValidator.MaxHostLength, MinimumLength = 1)] string? Host,
    [property: Required, Range(InverterSettings.MinPort, InverterSettings.MaxPort)] int? Port,
    [property: Range(InverterSettings.MinPollSeconds, InverterSettings.MaxPollSeconds)] int? PollSeconds,
    [property: AllowedValues("kWh", "Wh")] string? PowerTotalUnit,
    [property: Range(InverterSettings.MinDcCapacityW, InverterSettings.MaxDcCapacityW)] int? DcCapacityW = null,
    [property: Range(0, 90)] double? TiltDegrees = null,
    [property: Range(0, 360)] double? AzimuthDegrees = null) : IInverterFields;

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/sites/{siteId}/inverters/{inverterId}.</summary>
public sealed record InverterRequest(
    [property: Required, StringLength(RequestValidator.MaxHostLength, MinimumLength = 1), Description("The Pi's IP address or host name, within the allowed polling networks.")] string? Host,
    [property: Required, Range(InverterSettings.MinPort, InverterSettings.MaxPort), Description("The Pi's TCP port.")] int? Port,
    [property: Range(InverterSettings.MinPollSeconds, InverterSettings.MaxPollSeconds), Description("Seconds between polls (default 23).")] int? PollSeconds,
    [property: AllowedValues("kWh", "Wh"), Description("The unit the Pi reports PowerTotal in (default kWh).")] string? PowerTotalUnit,
    [property: Range(InverterSettings.MinDcCapacityW, InverterSettings.MaxDcCapacityW), Description("The array's DC nameplate in watts: what its yield is compared by. Without it, no underproduction alerts.")] int? DcCapacityW = null,
    [property: Range(0, 90), Description("The panels' tilt from horizontal, degrees.")] double? TiltDegrees = null,
    [property: Range(0, 360), Description("The direction the panels face, degrees clockwise from north (180 = south).")] double? AzimuthDegrees = null) : IInverterFields;

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>Body of PUT /api/sites/{siteId}/inverters/{inverterId}. PowerTotalUnit is "kWh" (default) or "Wh".</summary>
public sealed record InverterRequest(string? Host, int? Port, int? PollSeconds, string? PowerTotalUnit);

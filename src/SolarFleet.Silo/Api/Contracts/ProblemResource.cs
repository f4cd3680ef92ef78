namespace SolarFleet.Silo.Api.Contracts;

/// <summary>An inverter that needs attention.</summary>
public sealed record ProblemResource(string SiteId, string InverterId, string Health, DateTimeOffset Since, int? StatusCode, string Detail);

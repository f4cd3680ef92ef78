namespace SolarFleet.Abstractions.Health;

/// <summary>An inverter that needs an installer's attention (unreachable, stale or faulty).</summary>
[GenerateSerializer, Immutable]
public sealed record Problem(
    string SiteId,
    string InverterId,
    InverterHealth Health,
    DateTimeOffset Since,
    int? StatusCode,
    string Detail);

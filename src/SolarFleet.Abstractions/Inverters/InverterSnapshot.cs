using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Inverters;

/// <summary>Everything an installer sees about one inverter.</summary>
[GenerateSerializer, Immutable]
public sealed record InverterSnapshot(
    string SiteId,
    string InverterId,
    InverterSettings Settings,
    InverterHealth Health,
    DateTimeOffset? HealthSince,
    int? StatusCode,
    string StatusText,
    int PowerW,
    DateOnly? LocalDate,
    long EnergyTodayWh,
    double? LifetimeEnergyKwh,
    double? GridVoltageV,
    double? GridFrequencyHz,
    long? UptimeSeconds,
    DateTime? Timestamp,
    DateTimeOffset? LastPollAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    int ConsecutiveFailures,
    IReadOnlyList<string> Unsupported);

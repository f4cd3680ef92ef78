using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Inverters;

/// <summary>The compact state an inverter pushes to its site when it changes.</summary>
[GenerateSerializer, Immutable]
public readonly record struct InverterSummary(
    string InverterId,
    InverterHealth Health,
    DateTimeOffset? HealthSince,
    int PowerW,
    DateOnly? LocalDate,
    long EnergyTodayWh,
    int? StatusCode,
    string? LastError,
    DateTimeOffset UpdatedAt,
    int? DcCapacityW = null);

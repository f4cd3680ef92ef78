using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Inverters;

/// <summary>Everything an installer sees about one inverter.</summary>
/// <param name="LocalDate">The site's today; <paramref name="EnergyTodayWh"/> is the ledger's energy for it.</param>
/// <param name="ClockSkew">Why the Pi's TimeStamp is not believed (it is ahead of the site's clock, or fell back a date); null when it is.</param>
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
    DateOnly LocalDate,
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
    IReadOnlyList<string> Unsupported,
    string? ClockSkew = null,
    DateTimeOffset? ClockSkewSince = null);

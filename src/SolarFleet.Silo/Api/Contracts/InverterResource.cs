namespace SolarFleet.Silo.Api.Contracts;

/// <summary>One inverter as the API shows it. <c>ClockSkew</c> says why its Pi's TimeStamp is not believed, when it is not.</summary>
public sealed record InverterResource(
    string Id,
    string SiteId,
    string Host,
    int Port,
    int PollSeconds,
    string PowerTotalUnit,
    string Health,
    DateTimeOffset? HealthSince,
    int? StatusCode,
    string StatusText,
    int PowerW,
    DateOnly LocalDate,
    long EnergyTodayWh,
    double? LifetimeEnergy,
    double? GridVoltageV,
    double? GridFrequencyHz,
    long? UptimeSeconds,
    DateTime? Timestamp,
    DateTimeOffset? LastPollAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    int ConsecutiveFailures,
    IReadOnlyList<string> Unsupported,
    string? ClockSkew,
    DateTimeOffset? ClockSkewSince);

using SolarFleet.Abstractions.Health;

namespace SolarFleet.Grains.Alerts;

/// <summary>What the alert rules need to know of one good poll, after health and ledger judged it.</summary>
public readonly record struct GoodPollFacts(
    InverterHealth Health,
    bool Generating,
    int? StatusCode,
    string StatusText,
    string? ClockSkew,
    double? GridVoltageV,
    double? GridFrequencyHz,
    LifetimeView Lifetime,
    bool? SunUpLongEnough,
    double? SunElevationDegrees,
    string DaylightBasis,
    bool WokeToday);

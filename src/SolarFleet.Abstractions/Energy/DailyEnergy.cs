namespace SolarFleet.Abstractions.Energy;

/// <summary>
/// One inverter's ledger row for one site-local date: the energy billed for it, the lifetime reading at the
/// day's end, and how much of the day was actually observed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DailyEnergy(
    string SiteId,
    string InverterId,
    DateOnly Date,
    long EnergyWh,
    double? LifetimeEndKwh,
    double Coverage,
    bool Complete,
    int Anomalies,
    string? LastAnomaly);

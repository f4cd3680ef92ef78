namespace SolarFleet.Grains.Energy;

/// <summary>A raw decoded reading as kept in the history (subject to retention).</summary>
public readonly record struct InverterReadingRecord(
    string SiteId,
    string InverterId,
    DateTimeOffset PolledAt,
    DateTime? Timestamp,
    int? PowerW,
    long? EnergyTodayWh,
    double? LifetimeKwh,
    int? StatusCode,
    double? GridVoltageV,
    double? GridFrequencyHz,
    long? UptimeSeconds);

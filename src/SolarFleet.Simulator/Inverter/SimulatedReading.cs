namespace SolarFleet.Simulator.Inverter;

/// <summary>What a simulated Pi would answer right now (the inverter's last update it saw).</summary>
public sealed record SimulatedReading(
    int PowerNowW,
    long PowerTodayWh,
    long LifetimeWh,
    int StatusCode,
    double GridVoltageV,
    double GridFrequencyHz,
    long UpTimeSeconds,
    DateTimeOffset UpdatedAt,
    DateTime TimeStampLocal);

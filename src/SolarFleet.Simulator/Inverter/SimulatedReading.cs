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
    DateTime TimeStampLocal)
{
    internal static SimulatedReading Of(in InverterSnapshot snapshot, DateTime timeStampLocal) => new(
        snapshot.PowerNowW,
        snapshot.PowerTodayWh,
        snapshot.LifetimeWh,
        snapshot.StatusCode,
        snapshot.GridDeciVolts / 10.0,
        snapshot.GridCentiHertz / 100.0,
        snapshot.UpTimeSeconds,
        new DateTimeOffset(snapshot.UpdatedUtcTicks, TimeSpan.Zero),
        timeStampLocal);
}

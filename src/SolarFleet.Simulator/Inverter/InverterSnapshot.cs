namespace SolarFleet.Simulator.Inverter;

/// <summary>The values of one inverter update, as the Pi would serve them. Fixed-point fields keep formatting exact.</summary>
internal readonly record struct InverterSnapshot(
    int PowerNowW,
    long PowerTodayWh,
    long LifetimeWh,
    int StatusCode,
    int GridDeciVolts,
    int GridCentiHertz,
    long UpTimeSeconds,
    long UpdatedUtcTicks);

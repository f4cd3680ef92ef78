namespace SolarFleet.Grains.Underproduction;

/// <summary>The energy an inverter made over a window that just ended (a daylight window, or a whole day at its close).</summary>
public readonly record struct CompletedYield(YieldWindow Window, long EnergyWh);

using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// How a stored ledger row absorbs a newer write of the same inverter and date. Idempotent and order-free for
/// what matters: energy, lifetime and coverage never go down, a complete day stays complete, anomalies only add up.
/// </summary>
public static class DailyEnergyMerge
{
    public static DailyEnergy Merge(DailyEnergy stored, DailyEnergy incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        return stored with
        {
            EnergyWh = Math.Max(stored.EnergyWh, incoming.EnergyWh),
            LifetimeEndKwh = Max(stored.LifetimeEndKwh, incoming.LifetimeEndKwh),
            Coverage = Math.Max(stored.Coverage, incoming.Coverage),
            Complete = stored.Complete || incoming.Complete,
            Anomalies = Math.Max(stored.Anomalies, incoming.Anomalies),
            LastAnomaly = incoming.Anomalies >= stored.Anomalies ? incoming.LastAnomaly ?? stored.LastAnomaly : stored.LastAnomaly,
        };
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

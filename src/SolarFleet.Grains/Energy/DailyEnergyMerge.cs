using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// How a stored ledger row absorbs another write of the same inverter and date, in every store alike. A row of a
/// later epoch (a day deliberately started again) replaces the stored one whole; a row of an earlier epoch is too
/// late and changes nothing. Within an epoch the merge is idempotent and order-free for what matters: energy,
/// lifetime, coverage and every count never go down, a complete day stays complete, and the parts of the energy and
/// the audit come from the fuller row.
/// </summary>
public static class DailyEnergyMerge
{
    public static DailyEnergy Merge(DailyEnergy stored, DailyEnergy incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Epoch != stored.Epoch)
        {
            return incoming.Epoch > stored.Epoch ? incoming : stored;
        }

        var fuller = incoming.EnergyWh >= stored.EnergyWh ? incoming : stored;
        return stored with
        {
            EnergyWh = fuller.EnergyWh,
            PowerTodayWh = fuller.PowerTodayWh,
            BridgedWh = fuller.BridgedWh,
            LifetimeEndKwh = Max(stored.LifetimeEndKwh, incoming.LifetimeEndKwh),
            Coverage = Math.Max(stored.Coverage, incoming.Coverage),
            Complete = stored.Complete || incoming.Complete,
            Anomalies = Math.Max(stored.Anomalies, incoming.Anomalies),
            LastAnomaly = incoming.Anomalies >= stored.Anomalies ? incoming.LastAnomaly ?? stored.LastAnomaly : stored.LastAnomaly,
            SetAsideWh = Math.Max(stored.SetAsideWh, incoming.SetAsideWh),
            Restarts = Math.Max(stored.Restarts, incoming.Restarts),
            Audit = Events(incoming) >= Events(stored) ? incoming.Audit : stored.Audit,
        };
    }

    /// <summary>How many events an audit records (repeats included): the longer audit is the later one.</summary>
    public static int Events(DailyEnergy row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var events = 0;
        foreach (var entry in row.AuditEntries)
        {
            events += entry.Count;
        }

        return events;
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

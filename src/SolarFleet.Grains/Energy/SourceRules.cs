using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// What an address change means for the ledger. An installer who corrects an address (or moves a Pi to a new IP) may
/// now be reading the same inverter, or a different one. The first reading of the new source decides: the same
/// inverter when its PowerTotal continues the old one's (or, without PowerTotal, its PowerToday continues the old
/// day's); a different inverter otherwise. A different inverter's day starts again from the new Pi's own values, and
/// what the old source had counted on those dates is set aside (kept in the day's audit, not billed).
/// </summary>
public static class SourceRules
{
    /// <summary>Decides a pending source change with the first dated reading of the new source.</summary>
    /// <returns>The held dates that were started again (empty when the source is the same inverter).</returns>
    public static IReadOnlyList<DayEnergyState> Decide(EnergyLedgerState ledger, SourceCheck change, DateOnly date, DayEnergyState day, in LedgerReading reading, double resolutionKwh)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(day);
        ledger.PendingSource = null;
        var (same, evidence) = Judge(change, date, reading, resolutionKwh);
        var when = change.ChangedAt;
        if (same)
        {
            LedgerAudit.Add(day, LedgerAuditKind.SourceChanged, reading.PolledAt, $"Address changed from {change.OldSource} to {change.NewSource} at {when:u}: the same inverter ({evidence}); the day goes on.");
            return [];
        }

        var from = date < change.ChangedOn ? date : change.ChangedOn;
        var rebased = ledger.Days.Where(held => held.Date >= from).ToList();
        foreach (var held in rebased)
        {
            var setAside = held.ReportedWh;
            held.SetAsideWh += setAside;
            held.CarriedWh = 0;
            held.CarriedBridgedWh = 0;
            held.Current = new Stretch();
            held.BeforeRestart = null;
            held.Pending = null;
            held.ReportedWh = 0;
            held.Restarts = 0;
            held.LifetimeStartKwh = null;
            held.LifetimeEndKwh = null;
            held.LifetimeStartIsDayStart = false;
            held.Epoch++;
            LedgerAudit.Add(
                held,
                LedgerAuditKind.SourceChanged,
                reading.PolledAt,
                string.Create(CultureInfo.InvariantCulture, $"Address changed from {change.OldSource} to {change.NewSource} at {when:u}: a different inverter ({evidence}); the day starts again from the new Pi's values, and the {setAside} Wh counted from the old one is set aside."));
        }

        // The old source's counters mean nothing for the new one.
        ledger.LifetimeKwh = null;
        ledger.LifetimeAcceptedAt = null;
        ledger.OffScale = null;
        ledger.LatestReadingDate = date;
        return rebased;
    }

    private static (bool Same, string Evidence) Judge(SourceCheck change, DateOnly date, in LedgerReading reading, double resolutionKwh)
    {
        if (reading.LifetimeKwh is { } lifetime && change.OldLifetimeKwh is { } old)
        {
            var since = reading.PolledAt - (change.OldLifetimeAt ?? change.ChangedAt);
            var reach = (LedgerLimits.MaxEnergyWh(since) / 1000.0) + resolutionKwh;
            var same = lifetime >= old - resolutionKwh && lifetime - old <= reach;
            return (same, Invariant($"its PowerTotal {lifetime} kWh {(same ? "continues" : "does not continue")} the old Pi's {old} kWh"));
        }

        if (reading.PowerTodayWh is { } powerToday && change.OldDate is { } oldDate)
        {
            if (date < oldDate)
            {
                return (false, Invariant($"its TimeStamp is of {date:yyyy-MM-dd}, before the {oldDate:yyyy-MM-dd} the old Pi had reached"));
            }

            if (date == oldDate && change.OldPowerTodayWh is { } oldToday)
            {
                var since = reading.PolledAt - (change.OldPowerTodayAt ?? change.ChangedAt);
                var same = powerToday >= oldToday && powerToday - oldToday <= LedgerLimits.MaxEnergyWh(since);
                return (same, Invariant($"its PowerToday {powerToday} Wh {(same ? "continues" : "does not continue")} the old Pi's {oldToday} Wh"));
            }
        }

        return (true, "nothing of the old Pi's to compare with");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

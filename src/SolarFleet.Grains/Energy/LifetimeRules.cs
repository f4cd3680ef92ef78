using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// How PowerTotal (the inverter's lifetime counter, in kWh) is followed. It only grows, and no faster than the inverter
/// can make energy: a reading below the lifetime kept (a misread, a counter glitch) or above what could have been made
/// since it was accepted (a jump) is set aside as an anomaly, one per run of such readings, never as negative or
/// invented energy. A run that keeps counting on its own for <see cref="NewCountAfter"/> readings is a counter that
/// started a new count (a replaced inverter behind the same Pi) and becomes the new baseline.
/// </summary>
public static class LifetimeRules
{
    /// <summary>Consistent off-scale readings (about four minutes at the default period) that make a new baseline.</summary>
    public const int NewCountAfter = 10;

    /// <summary>Applies a reading's lifetime to the ledger and its date; true when the value was accepted.</summary>
    public static bool Apply(EnergyLedgerState ledger, DayEnergyState day, double lifetime, double resolution, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(day);
        if (ledger.LifetimeKwh is not { } kept)
        {
            Accept(ledger, day, lifetime, at);
            return true;
        }

        var allowedRise = ledger.LifetimeAcceptedAt is { } since
            ? (LedgerLimits.MaxEnergyWh(at - since) / 1000.0) + resolution
            : double.PositiveInfinity;
        if (lifetime >= kept - resolution && lifetime - kept <= allowedRise)
        {
            // A reading a resolution step below the one kept is the same count read at another instant.
            ledger.OffScale = null;
            Accept(ledger, day, Math.Max(kept, lifetime), at);
            return true;
        }

        OffScale(ledger, day, kept, lifetime, at);
        return false;
    }

    private static void Accept(EnergyLedgerState ledger, DayEnergyState day, double lifetime, DateTimeOffset at)
    {
        ledger.LifetimeKwh = lifetime;
        ledger.LifetimeAcceptedAt = at;
        day.LifetimeStartKwh ??= lifetime;
        if (day.LifetimeEndKwh is null || lifetime > day.LifetimeEndKwh)
        {
            day.LifetimeEndKwh = lifetime;
        }
    }

    private static void OffScale(EnergyLedgerState ledger, DayEnergyState day, double kept, double lifetime, DateTimeOffset at)
    {
        var run = ledger.OffScale;
        if (run is null || lifetime < run.LastKwh)
        {
            ledger.OffScale = new LifetimeRun { FirstKwh = lifetime, LastKwh = lifetime, Count = 1 };
            var what = lifetime < kept ? "went back" : "jumped";
            LedgerAudit.Add(
                day,
                LedgerAuditKind.Lifetime,
                at,
                string.Create(CultureInfo.InvariantCulture, $"PowerTotal {what} from {kept} kWh to {lifetime} kWh; kept {kept} kWh."),
                anomaly: true);
            return;
        }

        run.LastKwh = lifetime;
        run.Count++;
        if (run.Count < NewCountAfter || run.LastKwh <= run.FirstKwh)
        {
            return;
        }

        // The counter has counted on from its new value for long enough: follow it from here. Growth across the
        // change is unknown, so this date is no longer bounded by its lifetime growth, and the stretch forgets what it knew of the old count.
        ledger.OffScale = null;
        ledger.LifetimeKwh = lifetime;
        ledger.LifetimeAcceptedAt = at;
        day.LifetimeStartKwh = run.FirstKwh;
        day.LifetimeStartIsDayStart = false;
        day.LifetimeEndKwh = lifetime;
        LedgerAudit.Add(
            day,
            LedgerAuditKind.LifetimeNewCount,
            at,
            string.Create(CultureInfo.InvariantCulture, $"PowerTotal started a new count at {run.FirstKwh} kWh (was {kept} kWh) and has counted on to {lifetime} kWh; it is the new baseline."));
    }
}

using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>One PowerToday reading as the rules see it, with the lifetime only when it was accepted.</summary>
/// <param name="SinceMidnight">Time since the start of the reading's date, when the poll is on that date.</param>
public readonly record struct PowerTodayReading(
    long PowerTodayWh,
    long? UptimeSeconds,
    double? LifetimeKwh,
    long ResolutionWh,
    DateTimeOffset At,
    TimeSpan? SinceMidnight)
{
    /// <summary>How far PowerToday and PowerTotal may disagree: a resolution step, plus an update of one counter before the other.</summary>
    public long ToleranceWh => ResolutionWh + LedgerLimits.MaxEnergyWh(TimeSpan.Zero);
}

/// <summary>
/// How a date's PowerToday readings become energy. PowerToday is cumulative, so a stretch counts its largest accepted
/// value. The rules decide which readings to accept:
/// <list type="bullet">
/// <item>A reading above what the inverter can have made is an impossible rise, set aside: more than 5 kW over its
/// UpTime or since midnight, more than PowerTotal grew since the stretch began, or, once PowerToday and PowerTotal have
/// agreed on their offset, more than PowerTotal shows.</item>
/// <item>A drop is a restart only with evidence: UpTime went back too, or (a Pi without UpTime) the lower values rise
/// with PowerTotal. A drop without evidence is a misread, set aside. A restart the very next reading contradicts (it
/// goes on from the old level, faster than the new stretch could) is taken back.</item>
/// </list>
/// </summary>
public static class PowerTodayRules
{
    public static LedgerEvents Apply(DayEnergyState day, in PowerTodayReading reading)
    {
        ArgumentNullException.ThrowIfNull(day);
        var events = LedgerEvents.None;
        if (day.BeforeRestart is { } before)
        {
            day.BeforeRestart = null;
            if (Continues(before, reading) && Contradicts(day.Current, reading))
            {
                TakeBackRestart(day, before, reading.At);
                events |= LedgerEvents.Corrected | LedgerEvents.Anomaly;
            }
        }

        var stretch = day.Current;
        var powerToday = reading.PowerTodayWh;
        if (!stretch.HasPowerToday || powerToday >= stretch.MaxWh || stretch.OffsetWh is not null)
        {
            if (Impossible(stretch, reading) is { } why)
            {
                SetAside(day, LedgerAuditKind.ImpossibleRise, reading.At, why);
                return events | LedgerEvents.Anomaly;
            }
        }

        if (!stretch.HasPowerToday)
        {
            Accept(day, reading);
            return events;
        }

        if (reading.UptimeSeconds is { } uptime && stretch.UptimeSeconds is { } uptimeBefore && uptime < uptimeBefore)
        {
            // UpTime only goes back when the inverter restarts, even one that had not made a watt-hour since (its
            // PowerToday does not drop) or whose first reading after the restart is off.
            return events | UptimeWentBack(day, reading, uptimeBefore, Invariant($"PowerToday read {powerToday} Wh"));
        }

        if (stretch.OffsetWh is { } offset && reading.LifetimeKwh is { } lifetime)
        {
            var below = offset - (powerToday - DayTotals.Wh(lifetime));
            if (below > reading.ToleranceWh)
            {
                return events | Below(day, reading, Invariant($"PowerToday {powerToday} Wh is {below} Wh short of what PowerTotal shows was made"));
            }

            Accept(day, reading);
            return events;
        }

        if (powerToday >= stretch.MaxWh)
        {
            Accept(day, reading);
            return events;
        }

        return events | Below(day, reading, Invariant($"PowerToday fell from {stretch.MaxWh} Wh to {powerToday} Wh"));
    }

    /// <summary>Why a reading is more than the inverter can have made, or null when it is not.</summary>
    private static string? Impossible(Stretch stretch, in PowerTodayReading reading)
    {
        var powerToday = reading.PowerTodayWh;
        if (reading.UptimeSeconds is { } uptime && powerToday > LedgerLimits.MaxEnergyForUptimeWh(uptime))
        {
            return Invariant($"PowerToday {powerToday} Wh is more than the inverter can make in its UpTime of {uptime} s");
        }

        if (reading.SinceMidnight is { } sinceMidnight && powerToday > LedgerLimits.MaxEnergyWh(sinceMidnight))
        {
            return Invariant($"PowerToday {powerToday} Wh is more than the inverter can make since midnight");
        }

        if (reading.LifetimeKwh is { } lifetime && stretch.StartLifetimeKwh is { } start)
        {
            var grew = DayTotals.Wh(lifetime) - DayTotals.Wh(start);
            if (powerToday - stretch.StartWh > grew + reading.ToleranceWh)
            {
                return Invariant($"PowerToday {powerToday} Wh is more than PowerTotal grew by ({grew} Wh) since the stretch began at {stretch.StartWh} Wh");
            }
        }

        if (stretch.OffsetWh is { } offset && reading.LifetimeKwh is { } now)
        {
            var over = powerToday - DayTotals.Wh(now) - offset;
            if (over > reading.ToleranceWh)
            {
                return Invariant($"PowerToday {powerToday} Wh is {over} Wh more than PowerTotal shows was made");
            }
        }

        return null;
    }

    private static LedgerEvents Below(DayEnergyState day, in PowerTodayReading reading, string what)
    {
        var stretch = day.Current;
        if (reading.UptimeSeconds is { } uptime && stretch.UptimeSeconds is { } before)
        {
            if (uptime < before)
            {
                return UptimeWentBack(day, reading, before, what);
            }

            SetAside(day, LedgerAuditKind.Misread, reading.At, Invariant($"{what} while UpTime went on ({before} s to {uptime} s): a misread, set aside."));
            return LedgerEvents.Anomaly;
        }

        if (reading.LifetimeKwh is { } lifetime)
        {
            return HoldPending(day, reading, lifetime);
        }

        SetAside(day, LedgerAuditKind.Misread, reading.At, $"{what}, with neither UpTime nor PowerTotal to show a restart: taken for a misread and set aside.");
        return LedgerEvents.Anomaly;
    }

    /// <summary>UpTime went back: the inverter restarted, unless the new counter shows more than can have been made since.</summary>
    private static LedgerEvents UptimeWentBack(DayEnergyState day, in PowerTodayReading reading, long before, string what)
    {
        var stretch = day.Current;
        var uptime = reading.UptimeSeconds!.Value;
        if (NewCounterReach(stretch, reading) is { } reach && reading.PowerTodayWh > reach)
        {
            // A counter that restarted cannot show more than PowerTotal made since the old one's last good value.
            SetAside(day, LedgerAuditKind.ImpossibleRise, reading.At, Invariant($"PowerToday {reading.PowerTodayWh} Wh with UpTime back at {uptime} s is more than PowerTotal shows was made since the day's {stretch.MaxWh} Wh ({reach} Wh at most)"));
            return LedgerEvents.Anomaly;
        }

        day.BeforeRestart = stretch.Copy();
        Restart(day, reading, reading.At, reading.PowerTodayWh, uptime, reading.LifetimeKwh, Invariant($"{what} and UpTime went back from {before} s to {uptime} s: the inverter restarted"));
        return LedgerEvents.RestartCarried;
    }

    /// <summary>
    /// A Pi without UpTime: lower readings are a restart once two of them in a row agree on their offset across enough
    /// production (they rise with PowerTotal, which a stuck or misread value cannot). A held reading that disagrees
    /// replaces the one held, whichever of the two was the misread: only a run of agreeing readings confirms.
    /// </summary>
    private static LedgerEvents HoldPending(DayEnergyState day, in PowerTodayReading reading, double lifetime)
    {
        var powerToday = reading.PowerTodayWh;
        var offset = powerToday - DayTotals.Wh(lifetime);
        var held = day.Pending;
        if (held is null || Math.Abs(offset - held.OffsetWh) > reading.ToleranceWh)
        {
            day.Pending = new PendingDrop
            {
                FirstWh = powerToday,
                FirstLifetimeKwh = lifetime,
                LastWh = powerToday,
                Count = 1,
                FirstAt = reading.At,
                OffsetWh = offset,
                HeldCount = (held?.HeldCount ?? 0) + 1,
                HeldSince = held?.HeldSince ?? reading.At,
                HeldLowWh = Math.Min(held?.HeldLowWh ?? powerToday, powerToday),
                HeldHighWh = Math.Max(held?.HeldHighWh ?? powerToday, powerToday),
            };
            return LedgerEvents.None;
        }

        var pending = held;
        pending.LastWh = Math.Max(pending.LastWh, powerToday);
        pending.Count++;
        pending.HeldCount++;
        pending.HeldLowWh = Math.Min(pending.HeldLowWh, powerToday);
        pending.HeldHighWh = Math.Max(pending.HeldHighWh, powerToday);
        var grew = DayTotals.Wh(lifetime) - DayTotals.Wh(pending.FirstLifetimeKwh);
        if (grew < 2 * reading.ToleranceWh)
        {
            return LedgerEvents.None;
        }

        day.Pending = null;
        Restart(
            day,
            reading with { PowerTodayWh = pending.LastWh },
            pending.FirstAt,
            pending.FirstWh,
            startUptime: null,
            pending.FirstLifetimeKwh,
            Invariant($"PowerToday fell to {pending.FirstWh} Wh and has since risen with PowerTotal ({pending.LastWh - pending.FirstWh} Wh against {grew} Wh): the inverter restarted (its Pi does not answer UpTime)"));
        return LedgerEvents.RestartCarried;
    }

    private static void Restart(DayEnergyState day, in PowerTodayReading reading, DateTimeOffset startAt, long startWh, long? startUptime, double? startLifetime, string evidence)
    {
        // The old stretch counts its largest accepted PowerToday. What it made after that is not bridged: where it
        // ended can only be told from the new stretch's readings, and a misread among them would make the carry too
        // large. A missed poll just before a restart can only make the day smaller.
        var old = day.Current;
        day.CarriedBeforeRestartWh = day.CarriedWh;
        day.CarriedBridgedBeforeRestartWh = day.CarriedBridgedWh;
        day.CarriedWh += old.MaxWh;
        day.Current = new Stretch
        {
            HasPowerToday = true,
            MaxWh = reading.PowerTodayWh,
            StartAt = startAt,
            StartWh = startWh,
            StartUptimeSeconds = startUptime,
            UptimeSeconds = reading.UptimeSeconds,
            StartLifetimeKwh = startLifetime,
            CandidateOffsetWh = reading.LifetimeKwh is { } lifetime ? reading.PowerTodayWh - DayTotals.Wh(lifetime) : null,
            CandidateLifetimeKwh = reading.LifetimeKwh,
            LifetimeAtMaxKwh = reading.LifetimeKwh,
            LastAcceptedAt = reading.At,
        };
        day.Restarts++;
        LedgerAudit.Add(day, LedgerAuditKind.Restart, reading.At, Invariant($"{evidence}; {old.MaxWh} Wh carried."));
    }

    /// <summary>The most a restarted counter can show: what PowerTotal grew by since the stretch's largest PowerToday.</summary>
    private static long? NewCounterReach(Stretch stretch, in PowerTodayReading reading)
    {
        if (reading.LifetimeKwh is not { } lifetime)
        {
            return null;
        }

        if (stretch.OffsetWh is { } offset)
        {
            return Math.Max(0, offset + DayTotals.Wh(lifetime) - stretch.MaxWh) + reading.ToleranceWh;
        }

        return stretch.LifetimeAtMaxKwh is { } atMax
            ? Math.Max(0, DayTotals.Wh(lifetime) - DayTotals.Wh(atMax)) + reading.ToleranceWh
            : null;
    }

    /// <summary>The reading goes on from the stretch before the restart.</summary>
    private static bool Continues(Stretch before, in PowerTodayReading reading) =>
        reading.PowerTodayWh >= before.MaxWh
        && (reading.UptimeSeconds is not { } uptime || before.UptimeSeconds is not { } old || uptime >= old);

    /// <summary>The reading is out of reach of the stretch the restart began.</summary>
    private static bool Contradicts(Stretch restarted, in PowerTodayReading reading)
    {
        if (reading.LifetimeKwh is { } lifetime && restarted.StartLifetimeKwh is { } start
            && reading.PowerTodayWh - restarted.StartWh > DayTotals.Wh(lifetime) - DayTotals.Wh(start) + reading.ToleranceWh)
        {
            return true;
        }

        return reading.UptimeSeconds is { } uptime && restarted.StartUptimeSeconds is { } startUptime && restarted.StartAt is { } startAt
            && uptime - startUptime > (reading.At - startAt + LedgerLimits.UpdateSlack).TotalSeconds;
    }

    private static void TakeBackRestart(DayEnergyState day, Stretch before, DateTimeOffset at)
    {
        var restartAt = day.Current.StartAt;
        day.Current = before;
        day.CarriedWh = day.CarriedBeforeRestartWh;
        day.CarriedBridgedWh = day.CarriedBridgedBeforeRestartWh;
        day.Restarts--;
        day.ReportedWh = 0;
        day.Epoch++;
        SetAside(
            day,
            LedgerAuditKind.RestartTakenBack,
            at,
            Invariant($"The restart seen at {restartAt:HH:mm:ss} was taken back: the next reading went on from the day's {before.MaxWh} Wh, so that reading was a misread."));
    }

    private static void Accept(DayEnergyState day, in PowerTodayReading reading)
    {
        var stretch = day.Current;
        var powerToday = reading.PowerTodayWh;
        if (day.Pending is { } pending)
        {
            day.Pending = null;
            SetAside(
                day,
                LedgerAuditKind.Misread,
                pending.HeldSince,
                Invariant($"PowerToday read {pending.HeldLowWh}-{pending.HeldHighWh} Wh for {pending.HeldCount} polls, below the day's {stretch.MaxWh} Wh, then came back: a misread, set aside."));
        }

        if (!stretch.HasPowerToday || powerToday > stretch.MaxWh)
        {
            stretch.HasPowerToday = true;
            stretch.StartAt ??= reading.At;
            stretch.MaxWh = powerToday;
            stretch.LifetimeAtMaxKwh = reading.LifetimeKwh;
        }
        else if (stretch.LifetimeAtMaxKwh is null && powerToday == stretch.MaxWh)
        {
            stretch.LifetimeAtMaxKwh = reading.LifetimeKwh;
        }

        stretch.LastAcceptedAt = reading.At;

        // The latest, not the largest: an inverter that restarted before it had made a watt-hour drops no PowerToday,
        // and only its lower UpTime from then on tells a later drop apart from a misread.
        stretch.UptimeSeconds = reading.UptimeSeconds ?? stretch.UptimeSeconds;

        if (reading.LifetimeKwh is { } lifetime)
        {
            var offset = powerToday - DayTotals.Wh(lifetime);
            if (stretch.OffsetWh is not null)
            {
                stretch.OffsetMinWh = Math.Min(stretch.OffsetMinWh ?? offset, offset);
            }
            else
            {
                AgreeOnOffset(stretch, offset, lifetime, reading.ToleranceWh);
            }
        }
    }

    /// <summary>
    /// The offset is taken once two accepted readings agree on it across enough production that a stuck counter
    /// could not (a PowerToday stuck at one value drifts off PowerTotal as energy is made). Of the two, the higher is
    /// the offset (a low misread cannot lower it) and the lower the floor bridges are measured from.
    /// </summary>
    private static void AgreeOnOffset(Stretch stretch, long offset, double lifetime, long tolerance)
    {
        if (stretch.CandidateOffsetWh is { } candidate && stretch.CandidateLifetimeKwh is { } candidateLifetime
            && Math.Abs(offset - candidate) <= tolerance)
        {
            if (DayTotals.Wh(lifetime) - DayTotals.Wh(candidateLifetime) >= 2 * tolerance)
            {
                stretch.OffsetWh = Math.Max(offset, candidate);
                stretch.OffsetMinWh = Math.Min(offset, candidate);
                stretch.CandidateOffsetWh = null;
                stretch.CandidateLifetimeKwh = null;
            }

            return;
        }

        stretch.CandidateOffsetWh = offset;
        stretch.CandidateLifetimeKwh = lifetime;
    }

    private static void SetAside(DayEnergyState day, LedgerAuditKind kind, DateTimeOffset at, string detail) =>
        LedgerAudit.Add(day, kind, at, detail.EndsWith('.') ? detail : detail + "; set aside.", anomaly: true);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

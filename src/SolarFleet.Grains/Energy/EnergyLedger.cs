using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>
/// The energy rules of one inverter, over its <see cref="EnergyLedgerState"/>. Readings belong to the site-local
/// date of their TimeStamp; coverage belongs to the site-local date of the poll.
/// </summary>
public sealed class EnergyLedger
{
    private static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    private readonly EnergyLedgerState _state;
    private readonly int _daysKept;

    public EnergyLedger(EnergyLedgerState state, int daysKept)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(daysKept, 1);
        _state = state;
        _daysKept = daysKept;
    }

    public IReadOnlyList<DayEnergyState> Days => _state.Days;

    public DateOnly? LatestReadingDate => _state.LatestReadingDate;

    public double? LifetimeKwh => _state.LifetimeKwh;

    public DayEnergyState? Find(DateOnly date)
    {
        foreach (var day in _state.Days)
        {
            if (day.Date == date)
            {
                return day;
            }
        }

        return null;
    }

    /// <summary>The latest reading date's energy (0 before any reading).</summary>
    public long LatestEnergyWh() => _state.LatestReadingDate is { } date && Find(date) is { } day ? day.EnergyWh() : 0;

    /// <summary>
    /// Records a successful poll at <paramref name="siteLocalPollTime"/>: covers its five-minute slot and notices
    /// when the poll clock has moved to a new date (every earlier date is then over and gets its final row).
    /// </summary>
    public LedgerEvents RecordPoll(DateTime siteLocalPollTime, TimeZoneInfo zone, ICollection<DayEnergyState> changed)
    {
        var events = LedgerEvents.None;
        var date = DateOnly.FromDateTime(siteLocalPollTime);
        if (_state.LastPollDate is { } previous && date > previous)
        {
            events |= LedgerEvents.PollDateRolledOver;
            foreach (var over in _state.Days)
            {
                if (over.Date < date)
                {
                    AddOnce(changed, over);
                }
            }
        }

        if (_state.LastPollDate is null || date > _state.LastPollDate)
        {
            _state.LastPollDate = date;
        }

        var day = GetOrCreate(date, zone);
        if (day is not null && day.Cover(SlotOf(siteLocalPollTime)))
        {
            AddOnce(changed, day);
        }

        return events;
    }

    /// <summary>Applies one reading's PowerToday and lifetime (already in kWh) to the date of its TimeStamp.</summary>
    public LedgerEvents ApplyReading(DateOnly date, long? powerTodayWh, double? lifetimeKwh, TimeZoneInfo zone, ICollection<DayEnergyState> changed)
    {
        var events = LedgerEvents.None;
        var known = Find(date) is not null;
        var day = GetOrCreate(date, zone);
        if (day is null)
        {
            // Older than every date still held: its rows are final in the store already.
            return events;
        }

        if (_state.LatestReadingDate is null || date > _state.LatestReadingDate)
        {
            events |= LedgerEvents.NewReadingDate;
            _state.LatestReadingDate = date;
        }

        var before = day.EnergyWh();
        if (powerTodayWh is { } today && today >= 0)
        {
            if (day.LastPowerTodayWh is { } last && today < last)
            {
                // The inverter restarted: keep what it produced before and count the new stretch on top.
                day.CarriedWh += day.SegmentMaxWh;
                day.SegmentMaxWh = today;
                events |= LedgerEvents.RestartCarried;
            }
            else if (today > day.SegmentMaxWh || day.LastPowerTodayWh is null)
            {
                day.SegmentMaxWh = today;
            }

            day.LastPowerTodayWh = today;
        }

        if (lifetimeKwh is { } lifetime && double.IsFinite(lifetime) && lifetime >= 0)
        {
            events |= ApplyLifetime(day, lifetime);
        }

        if (day.EnergyWh() != before || (events & LedgerEvents.LifetimeAnomaly) != 0 || !known)
        {
            AddOnce(changed, day);
        }

        return events;
    }

    /// <summary>Forgets lifetime values read in another unit, so a unit change is not taken for an anomaly.</summary>
    public void ResetLifetime()
    {
        _state.LifetimeKwh = null;
        _state.LastReportedLifetimeKwh = null;
        foreach (var day in _state.Days)
        {
            day.LifetimeStartKwh = null;
            day.LifetimeEndKwh = null;
        }
    }

    /// <summary>Drops the oldest dates beyond the kept count (their final rows are in the store).</summary>
    public void Trim()
    {
        var excess = _state.Days.Count - _daysKept;
        if (excess > 0)
        {
            _state.Days.RemoveRange(0, excess);
        }
    }

    public static DailyEnergy ToRow(string siteId, string inverterId, DayEnergyState day, DateOnly siteToday)
    {
        var covered = day.CoveredSlots();
        var slots = Math.Max(1, day.SlotsInDay);
        return new DailyEnergy(
            siteId,
            inverterId,
            day.Date,
            day.EnergyWh(),
            day.LifetimeEndKwh,
            Math.Min(1.0, (double)covered / slots),
            day.Date < siteToday && covered >= slots,
            day.Anomalies,
            day.LastAnomaly);
    }

    /// <summary>The five-minute slot of a site-local wall time (0-287).</summary>
    public static int SlotOf(DateTime siteLocalTime) => (int)(siteLocalTime.TimeOfDay.Ticks / SlotLength.Ticks);

    /// <summary>Slots that exist on a date in a zone: a spring-forward day skips the slots of its missing hour.</summary>
    public static int SlotsOn(DateOnly date, TimeZoneInfo zone)
    {
        if (!zone.SupportsDaylightSavingTime)
        {
            return DayEnergyState.SlotsPerDay;
        }

        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var slots = 0;
        for (var slot = 0; slot < DayEnergyState.SlotsPerDay; slot++)
        {
            if (!zone.IsInvalidTime(start.AddTicks(slot * SlotLength.Ticks)))
            {
                slots++;
            }
        }

        return slots;
    }

    private LedgerEvents ApplyLifetime(DayEnergyState day, double lifetime)
    {
        var events = LedgerEvents.None;
        if (_state.LifetimeKwh is { } highest && lifetime < highest)
        {
            if (_state.LastReportedLifetimeKwh != lifetime)
            {
                day.Anomalies++;
                day.LastAnomaly = string.Create(
                    CultureInfo.InvariantCulture,
                    $"PowerTotal went back from {highest} kWh to {lifetime} kWh; kept {highest} kWh.");
                events |= LedgerEvents.LifetimeAnomaly;
            }
        }
        else
        {
            _state.LifetimeKwh = lifetime;
            day.LifetimeStartKwh ??= lifetime;
            if (day.LifetimeEndKwh is null || lifetime > day.LifetimeEndKwh)
            {
                day.LifetimeEndKwh = lifetime;
            }
        }

        _state.LastReportedLifetimeKwh = lifetime;
        return events;
    }

    private DayEnergyState? GetOrCreate(DateOnly date, TimeZoneInfo zone)
    {
        var days = _state.Days;
        var index = 0;
        while (index < days.Count && days[index].Date < date)
        {
            index++;
        }

        if (index < days.Count && days[index].Date == date)
        {
            return days[index];
        }

        if (index == 0 && days.Count >= _daysKept)
        {
            return null;
        }

        var day = new DayEnergyState
        {
            Date = date,
            SlotsInDay = SlotsOn(date, zone),
            // The lifetime known before this date's first reading is where the date's lifetime growth starts.
            LifetimeStartKwh = index == days.Count ? _state.LifetimeKwh : null,
        };
        days.Insert(index, day);
        return day;
    }

    private static void AddOnce(ICollection<DayEnergyState> changed, DayEnergyState day)
    {
        if (!changed.Contains(day))
        {
            changed.Add(day);
        }
    }
}

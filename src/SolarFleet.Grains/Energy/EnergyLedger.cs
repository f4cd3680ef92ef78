using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Grains.Energy;

/// <summary>What one good poll did to the ledger.</summary>
/// <param name="ClockSkew">Why the Pi's TimeStamp was not believed for this poll, or null.</param>
public readonly record struct LedgerOutcome(LedgerEvents Events, string? ClockSkew);

/// <summary>
/// The energy rules of one inverter, over its <see cref="EnergyLedgerState"/>. Readings belong to the site-local date
/// <see cref="ReadingDates"/> gives them; coverage belongs to the site-local date of the poll. Which readings count is
/// up to <see cref="PowerTodayRules"/>, <see cref="LifetimeRules"/> and <see cref="SourceRules"/>; a date's energy is
/// what <see cref="DayTotals"/> makes of them, and it never goes down except by a deliberate correction, which raises
/// the date's epoch.
/// </summary>
public sealed class EnergyLedger
{
    private static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    private readonly EnergyLedgerState _state;
    private readonly int _daysKept;
    private readonly TimeSpan _clockSkewTolerance;

    public EnergyLedger(EnergyLedgerState state, int daysKept, TimeSpan clockSkewTolerance)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(daysKept, 1);
        _state = state;
        _daysKept = daysKept;
        _clockSkewTolerance = clockSkewTolerance;
    }

    public IReadOnlyList<DayEnergyState> Days => _state.Days;

    public DateOnly? LatestReadingDate => _state.LatestReadingDate;

    public double? LifetimeKwh => _state.LifetimeKwh;

    /// <summary>The last PowerTotal (kWh) set aside while a run of them does not follow on from the lifetime kept; null when none is.</summary>
    public double? OffScaleKwh => _state.OffScale?.LastKwh;

    /// <summary>The Pi ("host:port") the ledger's values come from.</summary>
    public string? Source => _state.Source;

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

    /// <summary>The energy counted for a date (0 when it is not held).</summary>
    public long EnergyOn(DateOnly date) => Find(date)?.ReportedWh ?? 0;

    /// <summary>
    /// Points the ledger at a Pi. A different Pi than the one its values came from starts a source check, which the new
    /// Pi's first reading decides (see <see cref="SourceRules"/>).
    /// </summary>
    public void SetSource(string source, DateTimeOffset at, DateOnly siteToday)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (_state.Source is { } old && old != source && (_state.Days.Count > 0 || _state.LifetimeKwh is not null))
        {
            // Changed again before the new Pi was heard: still compare with what the original source said.
            var earlier = _state.PendingSource;
            var latest = _state.LatestReadingDate is { } date ? Find(date) : null;
            _state.PendingSource = new SourceCheck
            {
                OldSource = earlier?.OldSource ?? old,
                NewSource = source,
                ChangedAt = at,
                ChangedOn = siteToday,
                OldLifetimeKwh = earlier is null ? _state.LifetimeKwh : earlier.OldLifetimeKwh,
                OldLifetimeAt = earlier is null ? _state.LifetimeAcceptedAt : earlier.OldLifetimeAt,
                OldDate = earlier is null ? latest?.Date : earlier.OldDate,
                OldPowerTodayWh = earlier is null ? (latest?.Current.HasPowerToday == true ? latest.Current.MaxWh : null) : earlier.OldPowerTodayWh,
                OldPowerTodayAt = earlier is null ? latest?.Current.LastAcceptedAt : earlier.OldPowerTodayAt,
            };
            _state.LastTimestamp = null;
        }

        _state.Source = source;
    }

    /// <summary>Applies one good poll. Dates whose rows changed are added to <paramref name="changed"/>.</summary>
    public LedgerOutcome Apply(in LedgerReading reading, TimeZoneInfo zone, ICollection<DayEnergyState> changed)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(changed);
        var events = RecordPoll(reading.SiteLocalPollTime, zone, changed);
        var source = _state.PendingSource;

        // A new source has a clock of its own: its TimeStamps are judged afresh.
        var decided = ReadingDates.Decide(
            reading.Timestamp,
            source is null ? _state.LastTimestamp : null,
            reading.SiteLocalPollTime,
            source is null ? _state.LatestReadingDate : null,
            _clockSkewTolerance,
            _daysKept);
        _state.LastTimestamp = reading.Timestamp;
        if (decided.ClockSkew is not null)
        {
            events |= LedgerEvents.ClockSkewed;
        }

        if (decided.Date is not { } date || GetOrCreate(date, zone) is not { } day)
        {
            return new LedgerOutcome(events, decided.ClockSkew);
        }

        var before = Fingerprint.Of(day);
        if (decided.ClockSkew is { } skew)
        {
            LedgerAudit.Add(day, LedgerAuditKind.ClockSkew, reading.PolledAt, skew + "; the reading's date was taken from the poll.");
        }

        var resolutionKwh = reading.LifetimeResolutionKwh ?? _state.LifetimeResolutionKwh ?? LedgerLimits.DefaultResolutionKwh;
        if (source is not null)
        {
            events |= LedgerEvents.SourceDecided;
            foreach (var rebased in SourceRules.Decide(_state, source, date, day, reading, resolutionKwh))
            {
                events |= LedgerEvents.Corrected;
                AddOnce(changed, rebased);
            }
        }

        if (_state.LatestReadingDate is null || date > _state.LatestReadingDate)
        {
            events |= LedgerEvents.NewReadingDate;
            _state.LatestReadingDate = date;
        }

        double? lifetime = null;
        if (reading.LifetimeKwh is { } read && double.IsFinite(read) && read >= 0)
        {
            _state.LifetimeResolutionKwh = resolutionKwh;
            var anomalies = day.Anomalies;
            if (LifetimeRules.Apply(_state, day, read, resolutionKwh, reading.PolledAt))
            {
                lifetime = read;
            }
            else if (_state.OffScale is null)
            {
                // The counter started a new count: what the stretch knew of the old one no longer applies.
                day.Current.ForgetLifetime();
                events |= LedgerEvents.NewLifetimeCount;
            }

            if (day.Anomalies != anomalies)
            {
                events |= LedgerEvents.Anomaly;
            }
        }

        var resolutionWh = LedgerLimits.ResolutionWh(resolutionKwh);
        if (reading.PowerTodayWh is { } powerToday && powerToday >= 0)
        {
            var pollDate = DateOnly.FromDateTime(reading.SiteLocalPollTime);
            events |= PowerTodayRules.Apply(day, new PowerTodayReading(
                powerToday,
                reading.UptimeSeconds,
                lifetime,
                resolutionWh,
                reading.PolledAt,
                date == pollDate ? reading.SiteLocalPollTime.TimeOfDay : null));
        }

        Settle(day, resolutionWh, reading.PolledAt);
        if (Fingerprint.Of(day) != before)
        {
            AddOnce(changed, day);
        }

        return new LedgerOutcome(events, decided.ClockSkew);
    }

    /// <summary>
    /// Records a successful poll at <paramref name="siteLocalPollTime"/>: covers its five-minute slot and notices
    /// when the poll clock has moved to a new date (every earlier date is then over and gets its final row).
    /// </summary>
    public LedgerEvents RecordPoll(DateTime siteLocalPollTime, TimeZoneInfo zone, ICollection<DayEnergyState> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
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

    /// <summary>Forgets lifetime values read in another unit, so a unit change is not taken for an anomaly.</summary>
    public void ResetLifetime()
    {
        _state.LifetimeKwh = null;
        _state.LifetimeAcceptedAt = null;
        _state.OffScale = null;
        foreach (var day in _state.Days)
        {
            day.LifetimeStartKwh = null;
            day.LifetimeEndKwh = null;
            day.LifetimeStartIsDayStart = false;
            day.Current.ForgetLifetime();
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

    public DailyEnergy ToRow(string siteId, string inverterId, DayEnergyState day, DateOnly siteToday)
    {
        ArgumentNullException.ThrowIfNull(day);
        var covered = day.CoveredSlots();
        var slots = Math.Max(1, day.SlotsInDay);
        var totals = DayTotals.Of(day, LedgerLimits.ResolutionWh(_state.LifetimeResolutionKwh));
        var energy = day.ReportedWh;
        var fromPowerToday = Math.Min(totals.PowerTodayWh, energy);
        return new DailyEnergy(
            siteId,
            inverterId,
            day.Date,
            energy,
            day.LifetimeEndKwh,
            Math.Min(1.0, (double)covered / slots),
            day.Date < siteToday && covered >= slots,
            day.Anomalies,
            day.LastAnomaly,
            day.Epoch,
            fromPowerToday,
            energy - fromPowerToday,
            day.SetAsideWh,
            day.Restarts,
            day.Audit is { Count: > 0 } audit ? audit.ToArray() : null);
    }

    /// <summary>The five-minute slot of a site-local wall time (0-287).</summary>
    public static int SlotOf(DateTime siteLocalTime) => (int)(siteLocalTime.TimeOfDay.Ticks / SlotLength.Ticks);

    /// <summary>Slots that exist on a date in a zone: a spring-forward day skips the slots of its missing hour.</summary>
    public static int SlotsOn(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
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

    /// <summary>Moves the date's reported energy up to what its state now adds to (never down within an epoch).</summary>
    private static void Settle(DayEnergyState day, long resolutionWh, DateTimeOffset at)
    {
        var totals = DayTotals.Of(day, resolutionWh);
        var uncapped = totals.PowerTodayWh + totals.BridgedWh;
        if (totals.CapWh is { } cap && uncapped - cap > resolutionWh + LedgerLimits.MaxEnergyWh(TimeSpan.Zero))
        {
            LedgerAudit.Add(
                day,
                LedgerAuditKind.CappedByLifetime,
                at,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The day's readings add to {uncapped} Wh, but PowerTotal grew by only {cap - resolutionWh} Wh since the day began; counted {cap} Wh."));
        }

        if (totals.TotalWh > day.ReportedWh)
        {
            day.ReportedWh = totals.TotalWh;
        }
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

        // The lifetime known before this date's first reading is where the date's lifetime growth starts, and
        // (being read before the date began) a bound on what the date can hold.
        var start = index == days.Count ? _state.LifetimeKwh : null;
        var day = new DayEnergyState
        {
            Date = date,
            SlotsInDay = SlotsOn(date, zone),
            LifetimeStartKwh = start,
            LifetimeStartIsDayStart = start is not null,
        };
        day.Current.StartLifetimeKwh = start;
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

    /// <summary>What a stored row shows of a date, to tell whether a reading changed it.</summary>
    private readonly record struct Fingerprint(long Energy, int Anomalies, int Restarts, long SetAside, int Epoch, int AuditCount, int AuditRepeats, double? LifetimeEnd)
    {
        public static Fingerprint Of(DayEnergyState day) => new(
            day.ReportedWh,
            day.Anomalies,
            day.Restarts,
            day.SetAsideWh,
            day.Epoch,
            day.Audit?.Count ?? 0,
            day.Audit is { Count: > 0 } audit ? audit[^1].Count : 0,
            day.LifetimeEndKwh);
    }
}

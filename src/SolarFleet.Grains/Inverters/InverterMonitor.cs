using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Health;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Grains.Validation;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// An inverter's decoding, health, backoff and energy rules over its <see cref="InverterState"/>, free of Orleans so
/// they can be tested with plain values. The grain owns timers, persistence and messaging; this class decides.
/// </summary>
public sealed class InverterMonitor : IPollCadence
{
    private readonly SolarFleetGrainOptions _options;
    private readonly List<DayEnergyState> _changedDays = [];
    private readonly List<AlertTransition> _alertTransitions = [];
    private readonly List<CompletedYield> _completedYields = [];
    private TimeZoneInfo? _zone;
    private DateOnly _summaryDate;
    private InverterSummary? _lastSummary;
    private DateTimeOffset? _lastWriteAt;

    public InverterMonitor(string siteId, string inverterId, InverterState state, SolarFleetGrainOptions options, AlertRuleOptions? alertOptions = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        SiteId = siteId;
        InverterId = inverterId;
        State = state;
        _options = options;
        Ledger = new EnergyLedger(state.Ledger, options.LedgerDaysInState, options.ClockSkewTolerance);
        Alerts = new InverterAlerts(state.AlertTracks, state.OwnOutput, alertOptions ?? new AlertRuleOptions(), siteId, inverterId);
        if ((state.Registration ?? state.RemovedRegistration) is { } registration)
        {
            _zone = RegistrationRules.FindTimeZone(registration.TimeZone, nameof(state));
            Alerts.Locate(registration);
        }
    }

    public string SiteId { get; }

    public string InverterId { get; }

    public InverterState State { get; }

    public EnergyLedger Ledger { get; }

    public InverterAlerts Alerts { get; }

    /// <summary>The alert transitions of the last poll (or removal), for the alert store.</summary>
    public IReadOnlyList<AlertTransition> AlertTransitions => _alertTransitions;

    /// <summary>The yield windows the last poll completed, to compare with the neighbours'.</summary>
    public IReadOnlyList<CompletedYield> CompletedYields => _completedYields;

    public bool IsRegistered => State.Registration is not null;

    public bool IsFailing => State.ConsecutiveFailures > 0;

    public bool HasAnswered => State.LastSuccessAt is not null;

    /// <summary>Whether the inverter holds ledger dates it can tell the site's date of: registered, or removed with its rows kept.</summary>
    public bool HoldsLedger => _zone is not null && Ledger.Days.Count > 0;

    public InverterRegistration Registration => State.Registration ?? throw new InvalidOperationException($"Inverter '{InverterKey.Of(SiteId, InverterId)}' is not registered.");

    public TimeZoneInfo Zone => _zone ?? throw new InvalidOperationException($"Inverter '{InverterKey.Of(SiteId, InverterId)}' is not registered.");

    public TimeSpan PollPeriod => TimeSpan.FromSeconds(Registration.Settings.PollSeconds);

    /// <summary>Takes a (validated) registration; returns what changed so the grain knows whether to re-time its polls.</summary>
    public RegistrationChange Apply(InverterRegistration registration, DateTimeOffset now)
    {
        var previous = State.Registration;
        if (previous == registration)
        {
            return RegistrationChange.None;
        }

        var change = RegistrationChange.None;
        if (previous is null)
        {
            change = RegistrationChange.Registered;
        }
        else
        {
            if (previous.Settings.Host != registration.Settings.Host || previous.Settings.Port != registration.Settings.Port)
            {
                change |= RegistrationChange.Endpoint;
            }

            if (previous.Settings.PollSeconds != registration.Settings.PollSeconds)
            {
                change |= RegistrationChange.PollPeriod;
            }

            if (previous.Settings.PowerTotalUnit != registration.Settings.PowerTotalUnit)
            {
                change |= RegistrationChange.PowerTotalUnit;
            }

            if (previous.TimeZone != registration.TimeZone)
            {
                change |= RegistrationChange.TimeZone;
            }

            if ((previous.Latitude, previous.Longitude) != (registration.Latitude, registration.Longitude))
            {
                change |= RegistrationChange.Location;
            }
        }

        _zone = RegistrationRules.FindTimeZone(registration.TimeZone, nameof(registration));
        Alerts.Locate(registration);
        State.Registration = registration;
        State.RemovedAt = null;
        State.RemovedRegistration = null;

        // The ledger follows its source: a different Pi than the one its values came from is checked on its first reading.
        Ledger.SetSource(SourceOf(registration.Settings), now, SiteToday(now));
        if ((change & (RegistrationChange.Registered | RegistrationChange.Endpoint)) != 0)
        {
            // A new address may be a different Pi: nothing is known about it until it answers.
            State.Health = InverterHealth.Pending;
            State.HealthSince = now;
            State.ConsecutiveFailures = 0;
            State.FirstFailureAt = null;
            State.TimestampChangedAt = null;
            State.ClockLags.Clear();
        }

        if ((change & RegistrationChange.PowerTotalUnit) != 0)
        {
            Ledger.ResetLifetime();
        }

        return change;
    }

    /// <summary>Applies a poll's result: its reading (<see cref="OnSuccess"/>) or its failure (<see cref="OnFailure"/>).</summary>
    public PollOutcome OnPoll(PiPollResult result, DateTimeOffset polledAt, ICollection<DailyEnergy> changedRows) =>
        result.Reading is { } reading
            ? OnSuccess(reading, polledAt, changedRows)
            : OnFailure(result.Failure ?? new PiPollFailure(PiFailureKind.NetworkError, "The poll returned neither a reading nor a failure.", 0, 0), polledAt);

    /// <summary>Applies a good poll. Ledger rows that changed are added to <paramref name="changedRows"/>.</summary>
    public PollOutcome OnSuccess(PiReading reading, DateTimeOffset polledAt, ICollection<DailyEnergy> changedRows)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(changedRows);
        var previousHealth = State.Health;
        var siteLocalNow = TimeZoneInfo.ConvertTime(polledAt, Zone).DateTime;

        State.ConsecutiveFailures = 0;
        State.FirstFailureAt = null;
        var previousSuccessAt = State.LastSuccessAt;
        State.LastPollAt = polledAt;
        State.LastSuccessAt = polledAt;
        if (reading.Timestamp != State.Timestamp || State.TimestampChangedAt is null)
        {
            if (State.TimestampChangedAt is not null && State.Timestamp is not null && reading.Timestamp is { } moved)
            {
                // A move may have happened any time since the last good poll: only more lag than that (and the stale wait) is a clock set back.
                var seenLateBy = previousSuccessAt is { } previous ? polledAt - previous : TimeSpan.Zero;
                ClockLag.Observe(State.ClockLags, siteLocalNow - moved, _options.StaleAfter + seenLateBy);
            }

            State.TimestampChangedAt = polledAt;
        }

        State.Timestamp = reading.Timestamp;
        State.StatusCode = reading.StatusCode;
        State.PowerNowW = reading.PowerNowW;
        State.GridVoltageV = reading.GridVoltageV;
        State.GridFrequencyHz = reading.GridFrequencyHz;
        State.UptimeSeconds = reading.UptimeSeconds;
        State.UnsupportedQueries = (int)reading.Unsupported;

        _changedDays.Clear();
        var keptBefore = Ledger.LifetimeKwh;
        var ledger = Ledger.Apply(
            new LedgerReading(
                polledAt,
                siteLocalNow,
                reading.Timestamp,
                reading.PowerTodayWh,
                ToKilowattHours(reading.PowerTotal),
                reading.PowerTotalDecimals is { } decimals ? ToKilowattHours(Math.Pow(10, -decimals)) : null,
                reading.UptimeSeconds),
            Zone,
            _changedDays);
        var siteToday = DateOnly.FromDateTime(siteLocalNow);
        foreach (var day in _changedDays)
        {
            changedRows.Add(Ledger.ToRow(SiteId, InverterId, day, siteToday));
        }

        Ledger.Trim();
        var skewStarted = ledger.ClockSkew is not null && State.ClockSkew is null;
        State.ClockSkew = ledger.ClockSkew;
        State.ClockSkewSince = ledger.ClockSkew is null ? null : State.ClockSkewSince ?? polledAt;

        var health = HealthRules.OfGoodPoll(
            reading.StatusCode,
            reading.Timestamp,
            siteLocalNow,
            polledAt - State.TimestampChangedAt.Value,
            _options.StaleAfter,
            clockSkewed: ledger.ClockSkew is not null,
            clockLag: ClockLag.Of(State.ClockLags));
        SetHealth(health, polledAt);
        _alertTransitions.Clear();
        var newCountFrom = (ledger.Events & LedgerEvents.NewLifetimeCount) != 0 ? keptBefore : null;
        Alerts.OnGoodPoll(FactsOf(reading, ledger.ClockSkew, newCountFrom, siteToday, polledAt), polledAt, _alertTransitions);
        _completedYields.Clear();
        Alerts.TrackYield(State.YieldTrack, polledAt, siteToday, Ledger.EnergyOn, reading.PowerNowW, Zone, _completedYields);

        const LedgerEvents persistAtOnce = LedgerEvents.NewReadingDate | LedgerEvents.RestartCarried | LedgerEvents.PollDateRolledOver
            | LedgerEvents.SourceDecided | LedgerEvents.Corrected;
        var persist = health != previousHealth || skewStarted || (ledger.Events & persistAtOnce) != 0 || _alertTransitions.Count > 0;
        var dataAge = reading.Timestamp is { } stamp && ledger.ClockSkew is null ? siteLocalNow - stamp : (TimeSpan?)null;
        return Finish(previousHealth, persist, polledAt, dataAge) with { ClockSkewStarted = skewStarted ? ledger.ClockSkew : null };
    }

    /// <summary>Applies a failed poll: counts it, keeps the error, and turns Unreachable at the threshold.</summary>
    public PollOutcome OnFailure(PiPollFailure failure, DateTimeOffset polledAt)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var previousHealth = State.Health;
        State.LastPollAt = polledAt;
        State.LastError = $"{PiFailureNames.Of(failure.Kind)}: {failure.Message}";
        State.FirstFailureAt ??= polledAt;
        State.ConsecutiveFailures++;
        if (State.ConsecutiveFailures >= _options.UnreachableAfterFailures && State.Health != InverterHealth.Unreachable)
        {
            State.Health = InverterHealth.Unreachable;
            State.HealthSince = State.FirstFailureAt;
        }

        _alertTransitions.Clear();
        _completedYields.Clear();
        Alerts.OnFailedPoll(State.Health, State.ConsecutiveFailures, State.LastError, polledAt, _alertTransitions);
        return Finish(previousHealth, State.Health != previousHealth || _alertTransitions.Count > 0, polledAt, dataAge: null);
    }

    /// <summary>Takes the verdict of a peer comparison; the transitions are in <see cref="AlertTransitions"/>.</summary>
    public void OnUnderproduction(AlertObservation observation, DateTimeOffset now)
    {
        _alertTransitions.Clear();
        Alerts.OnUnderproduction(observation, now, _alertTransitions);
    }

    /// <summary>Resolves every open alert (the inverter goes away); the transitions are in <see cref="AlertTransitions"/>.</summary>
    public void ResolveAlerts(DateTimeOffset now, string why)
    {
        _alertTransitions.Clear();
        Alerts.Book.ResolveAll(now, why, _alertTransitions);
    }

    /// <summary>The wait before the next poll: the period, or the backoff while polls fail.</summary>
    public TimeSpan NextDelay() => PollBackoff.NextDelay(PollPeriod, State.ConsecutiveFailures, _options.BackoffCap);

    /// <summary>Called when grain state was written (or just read: it then matches storage).</summary>
    public void MarkWritten(DateTimeOffset at) => _lastWriteAt = at;

    /// <summary>Live power: asleep, stale, unreachable and pending inverters count 0 W.</summary>
    public int EffectivePowerW() => HealthRules.CountsPower(State.Health) ? Math.Max(0, State.PowerNowW ?? 0) : 0;

    public DateOnly SiteToday(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>What the installer sees; today's energy is the ledger's row for the site's today, as every report reads it.</summary>
    public InverterSnapshot Snapshot(DateTimeOffset now) => new(
        SiteId,
        InverterId,
        Registration.Settings,
        State.Health,
        State.HealthSince,
        State.StatusCode,
        State.LastSuccessAt is null ? "No data" : InverterStatus.Describe(State.StatusCode),
        EffectivePowerW(),
        SiteToday(now),
        Ledger.EnergyOn(SiteToday(now)),
        Ledger.LifetimeKwh,
        State.GridVoltageV,
        State.GridFrequencyHz,
        State.UptimeSeconds,
        State.Timestamp,
        State.LastPollAt,
        State.LastSuccessAt,
        State.LastError,
        State.ConsecutiveFailures,
        PiQueryCatalog.Members((PiQuerySet)State.UnsupportedQueries).Select(PiQueryCatalog.WireName).ToArray(),
        State.ClockSkew,
        State.ClockSkewSince);

    /// <summary>The current summary, remembered as the last one pushed.</summary>
    public InverterSummary TakeSummary(DateTimeOffset now)
    {
        _summaryDate = SiteToday(now);
        var summary = CurrentSummary(State.LastPollAt ?? now);
        _lastSummary = summary;
        return summary;
    }

    /// <summary>The summary if it differs from the last one pushed in anything but its time (health, power, energy, date, status, error or nameplate).</summary>
    public InverterSummary? TakeSummaryIfChanged(DateTimeOffset now) =>
        _lastSummary is { } last && !SummaryDiffers(last, SiteToday(now)) ? null : TakeSummary(now);

    /// <summary>A PowerTotal in the Pi's configured unit, as kWh.</summary>
    public double? ToKilowattHours(double? powerTotal) => powerTotal is { } value
        ? Registration.Settings.PowerTotalUnit == PowerTotalUnit.WattHours ? value / 1000 : value
        : null;

    /// <summary>
    /// Held ledger rows with dates in [from, to], the site's today as of <paramref name="now"/>. A removed inverter still
    /// answers for the dates it holds: its last rows may not have reached the store yet.
    /// </summary>
    public IReadOnlyList<DailyEnergy> HeldRows(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        if (from > to)
        {
            throw new ArgumentException($"The ledger range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ends before it starts.", nameof(to));
        }

        if (!HoldsLedger)
        {
            return [];
        }

        var siteToday = SiteToday(now);
        // A plain list: it crosses grain calls, and Orleans copies a List<T> as what it is.
        return Ledger.Days.Where(day => day.Date >= from && day.Date <= to).Select(day => Ledger.ToRow(SiteId, InverterId, day, siteToday)).ToList();
    }

    /// <summary>The ledger's name for a Pi: where its values come from.</summary>
    public static string SourceOf(InverterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{settings.Host}:{settings.Port}");
    }

    // The sun is placed only for an inverter that does not generate: the one case where daylight decides anything.
    private GoodPollFacts FactsOf(PiReading reading, string? clockSkew, double? newCountFromKwh, DateOnly siteToday, DateTimeOffset polledAt)
    {
        // Power decides where the Pi answers it (a "Generating" inverter at 0 W is dark); the status where it does not.
        // A Pi that answers neither says nothing of the dark.
        var generating = reading.PowerNowW is { } watts
            ? watts > 0
            : InverterStatus.Classify(reading.StatusCode) is InverterStatusKind.Generating or InverterStatusKind.Syncing;
        var known = reading.PowerNowW is not null || reading.StatusCode is not null;
        var dark = known && !generating && State.Health is (InverterHealth.Asleep or InverterHealth.Online);
        var daylight = Alerts.Daylight;
        return new GoodPollFacts(
            State.Health,
            generating,
            reading.StatusCode,
            InverterStatus.Describe(reading.StatusCode),
            clockSkew,
            reading.GridVoltageV,
            reading.GridFrequencyHz,
            new LifetimeView(reading.PowerTotal is not null, Ledger.LifetimeKwh, Ledger.OffScaleKwh, newCountFromKwh),
            dark ? daylight.SunUpLongEnough(polledAt) : null,
            dark ? daylight.ElevationAt(polledAt) : null,
            daylight.Describe(),
            Ledger.EnergyOn(siteToday) > 0);
    }

    private PollOutcome Finish(InverterHealth previousHealth, bool eventToPersist, DateTimeOffset polledAt, TimeSpan? dataAge)
    {
        var intervalUp = _lastWriteAt is not { } last || polledAt - last >= _options.StateWriteInterval;
        return new PollOutcome(previousHealth, State.Health, eventToPersist || intervalUp, dataAge);
    }

    private void SetHealth(InverterHealth health, DateTimeOffset at)
    {
        if (State.Health != health)
        {
            State.Health = health;
            State.HealthSince = at;
        }
    }

    // Compared field by field so an unchanged poll (the common case) allocates no summary.
    private bool SummaryDiffers(InverterSummary last, DateOnly today) =>
        last.Health != State.Health
        || last.HealthSince != State.HealthSince
        || last.PowerW != EffectivePowerW()
        || last.LocalDate != today
        || last.EnergyTodayWh != Ledger.EnergyOn(today)
        || last.StatusCode != State.StatusCode
        || last.LastError != SummaryError()
        || last.DcCapacityW != State.Registration?.Settings.DcCapacityW;

    private string? SummaryError() => State.Health == InverterHealth.Unreachable ? State.LastError : null;

    private InverterSummary CurrentSummary(DateTimeOffset updatedAt) => new(
        InverterId,
        State.Health,
        State.HealthSince,
        EffectivePowerW(),
        _summaryDate,
        Ledger.EnergyOn(_summaryDate),
        State.StatusCode,
        SummaryError(),
        updatedAt,
        State.Registration?.Settings.DcCapacityW);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Validation;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// A home: its settings and inverters (persisted) and the summaries they push (memory). Pushes its report to the
/// fleet when it changed, at most once per <see cref="SolarFleetGrainOptions.SitePushInterval"/>.
/// Kept active so the pushed summaries are not lost to idle collection. Its persistent reminder brings it back after
/// a silo loss or a restart, and each tick wakes its inverters: one reminder per site rather than one per inverter.
/// </summary>
[KeepAlive]
public sealed partial class SiteGrain : Grain, ISiteGrain, IRemindable
{
    /// <summary>The reminder that brings a live site, and through it its inverters, back after their silo died.</summary>
    public const string ReminderName = "keep-polling";

    private readonly IPersistentState<SiteState> _state;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<SiteGrain> _logger;
    private readonly SiteRollup _rollup = new();
    private TimeZoneInfo? _zone;
    private IGrainTimer? _pushTimer;
    private bool _pushScheduled;
    private bool _forcePush;
    private DateTimeOffset? _lastPushAt;
    private SiteReport? _lastReport;

    public SiteGrain(
        [PersistentState("site", SolarFleetStorage.GrainStateProvider)] IPersistentState<SiteState> state,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
        IOptions<SolarFleetGrainOptions> options,
        ILogger<SiteGrain> logger)
    {
        _state = state;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private string SiteId => this.GetPrimaryKeyString();

    /// <summary>The settings of a live site; null when there is none, or it was removed.</summary>
    private SiteSettings? Settings => _state.State.RemovedAt is null ? _state.State.Settings : null;

    private Dictionary<string, InverterSettings> Inverters => _state.State.Inverters;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pushTimer = this.RegisterGrainTimer(
            static (grain, cancellationToken) => grain.PushReport(),
            this,
            new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan });
        if (Settings is { } settings)
        {
            _zone = RegistrationRules.FindTimeZone(settings.TimeZone, nameof(settings));

            // Summaries are memory only: after a failover, ask the inverters to send theirs (waking any that were lost).
            WakeInverters().Ignore();

            // A site registered before sites held the reminder (its inverters each had one, and drop it) gets it now.
            KeepReminderAsync().Ignore();

            SchedulePush(force: true);
        }

        return Task.CompletedTask;
    }

    public async Task Configure(SiteSettings settings)
    {
        RegistrationRules.ValidateSiteId(SiteId);
        RegistrationRules.ValidateSiteSettings(settings);
        var previous = Settings;
        if (_state.State.RemovedAt is not null)
        {
            // The same id again: the site comes back, and its energy history (kept by site and inverter id) goes on.
            _state.State.RemovedAt = null;
            previous = null;
        }
        else if (previous == settings)
        {
            // Repeat: make sure the fleet knows the site (heals a failure between the two writes of an earlier call).
            await Fleet.AddSite(SiteId);
            return;
        }

        _state.State.Settings = settings;
        if (previous is null)
        {
            // The reminder first: if the state write then fails, its tick finds no site and removes it.
            await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
        }

        await WriteOrReloadAsync();
        _zone = RegistrationRules.FindTimeZone(settings.TimeZone, nameof(settings));
        await Fleet.AddSite(SiteId);
        if (previous is not null && (previous.TimeZone, previous.Latitude, previous.Longitude) != (settings.TimeZone, settings.Latitude, settings.Longitude))
        {
            // An inverter's dates and coverage slots are in its site's zone, and its daylight is the site's.
            await Task.WhenAll(Inverters.Select(pair => Inverter(pair.Key).Configure(RegistrationOf(pair.Key, pair.Value))));
        }

        LogConfigured(SiteId, settings.Name, settings.TimeZone);
        SchedulePush(force: false);
    }

    public async Task Remove()
    {
        if (Inverters.Count > 0)
        {
            await Task.WhenAll(Inverters.Keys.Select(inverterId => Inverter(inverterId).Remove()));
        }

        if (_state.State.Settings is { } settings)
        {
            // Kept as removed, so its energy stays reachable; a repeat passes the removal on to the fleet again.
            var existed = _state.State.RemovedAt is null;
            _state.State.RemovedAt ??= _time.GetUtcNow();
            ForgetInverters(Inverters.Keys.ToList());
            await WriteOrReloadAsync();
            await Fleet.RemoveSite(new RemovedSite(SiteId, settings.Name, settings.TimeZone, _state.State.RemovedAt.Value));
            await UnregisterReminderAsync();
            if (existed)
            {
                LogRemoved(SiteId);
            }
        }

        _rollup.Clear();
        DeactivateOnIdle();
    }

    public async Task<SiteSnapshot?> GetSnapshot()
    {
        if (Settings is { } settings)
        {
            var inverters = new Dictionary<string, InverterSettings>(Inverters, StringComparer.Ordinal);
            return new SiteSnapshot(SiteId, settings, inverters, Summarize(settings));
        }

        if (_state.State is { Settings: { } removed, RemovedAt: { } removedAt })
        {
            // A removed site is read for its history now and then; it need not stay active for that.
            DeactivateOnIdle();
            if (_time.GetUtcNow() - removedAt > _options.RemovedRetention)
            {
                await _state.ClearStateAsync();
                _state.State = new SiteState();
                return null;
            }

            var zone = RegistrationRules.FindTimeZone(removed.TimeZone, nameof(removed));
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), zone).DateTime);
            var empty = new SiteSummary(SiteId, removed.Name, removed.TimeZone, 0, 0, today, 0, HealthCounts.Zero, null, removed.Latitude, removed.Longitude);
            return new SiteSnapshot(SiteId, removed, new Dictionary<string, InverterSettings>(StringComparer.Ordinal), empty, removedAt);
        }

        ForgetUnknownSite();
        return null;
    }

    public async Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to)
    {
        if (_state.State.Settings is null)
        {
            return [];
        }

        // A site has a handful of inverters: asking each (and those removed lately) for its held dates is a bounded fan-out.
        var inverterIds = Inverters.Keys.Concat(_state.State.RemovedInverters.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (inverterIds.Count == 0)
        {
            return [];
        }

        var held = await Task.WhenAll(inverterIds.Select(inverterId => Inverter(inverterId).GetHeldLedger(from, to)));
        return held.SelectMany(rows => rows).ToList();
    }

    public async Task UpsertInverter(string inverterId, InverterSettings settings)
    {
        RequireSite();
        RegistrationRules.ValidateInverterId(inverterId);
        RegistrationRules.ValidateSettings(settings);
        var isNew = !Inverters.TryGetValue(inverterId, out var held);
        if (held != settings)
        {
            Inverters[inverterId] = settings;
            _state.State.RemovedInverters.Remove(inverterId);
            await WriteOrReloadAsync();
        }

        // Always passed on: the inverter ignores a repeat, and a repeat heals an inverter that missed an earlier call.
        await Inverter(inverterId).Configure(RegistrationOf(inverterId, settings));
        if (isNew)
        {
            SchedulePush(force: false);
        }
    }

    public async Task<bool> RemoveInverter(string inverterId)
    {
        RequireSite();
        RegistrationRules.ValidateInverterId(inverterId);
        var known = Inverters.ContainsKey(inverterId);
        if (known)
        {
            ForgetInverters([inverterId]);
            await WriteOrReloadAsync();
        }

        // Always passed on: a repeat heals an inverter whose own removal failed after the site had forgotten it.
        await Inverter(inverterId).Remove();
        if (known)
        {
            _rollup.Remove(inverterId);
            SchedulePush(force: false);
        }

        return known;
    }

    public async Task ReplaceInverters(IReadOnlyDictionary<string, InverterSettings> inverters)
    {
        ArgumentNullException.ThrowIfNull(inverters);
        RequireSite();
        foreach (var (inverterId, settings) in inverters)
        {
            RegistrationRules.ValidateInverterId(inverterId);
            RegistrationRules.ValidateSettings(settings, $"inverters[{inverterId}]");
        }

        var removed = Inverters.Keys.Where(inverterId => !inverters.ContainsKey(inverterId)).ToList();
        var changed = removed.Count > 0 || inverters.Any(pair => !Inverters.TryGetValue(pair.Key, out var held) || held != pair.Value);
        if (changed)
        {
            ForgetInverters(removed);
            _state.State.Inverters = new Dictionary<string, InverterSettings>(inverters, StringComparer.Ordinal);
            foreach (var inverterId in inverters.Keys)
            {
                _state.State.RemovedInverters.Remove(inverterId);
            }

            await WriteOrReloadAsync();
        }

        var calls = removed.Select(inverterId => Inverter(inverterId).Remove())
            .Concat(inverters.Select(pair => Inverter(pair.Key).Configure(RegistrationOf(pair.Key, pair.Value))));
        await Task.WhenAll(calls);
        foreach (var inverterId in removed)
        {
            _rollup.Remove(inverterId);
        }

        if (changed)
        {
            SchedulePush(force: false);
        }
    }

    public Task Report(InverterSummary summary)
    {
        // A late report from an inverter removed meanwhile is dropped.
        if (Settings is not null && summary.InverterId is { } inverterId && Inverters.ContainsKey(inverterId) && _rollup.Apply(summary))
        {
            SchedulePush(force: false);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Problem>> GetProblems()
    {
        if (Settings is null)
        {
            ForgetUnknownSite();
            return Task.FromResult<IReadOnlyList<Problem>>([]);
        }

        return Task.FromResult(_rollup.Problems(SiteId, Inverters.Keys));
    }

    public Task ResendReport()
    {
        if (Settings is not null)
        {
            SchedulePush(force: true);
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Settings is null)
        {
            await UnregisterReminderAsync();
            return;
        }

        await WakeInverters();
    }

    public async Task<int> WakeInverters()
    {
        if (Settings is null)
        {
            ForgetUnknownSite();
            return 0;
        }

        var inverterIds = Inverters.Keys.ToList();
        await Task.WhenAll(inverterIds.Select(inverterId => Inverter(inverterId).Wake()));
        return inverterIds.Count;
    }

    private async Task KeepReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is null && Settings is not null)
            {
                await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reminder is the fallback; the next activation tries again.
            LogReminderFailed(ex, SiteId);
        }
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IFleetGrain Fleet => GrainFactory.GetGrain<IFleetGrain>(FleetKey.Default);

    private IInverterGrain Inverter(string inverterId) => GrainFactory.GetGrain<IInverterGrain>(InverterKey.Of(SiteId, inverterId));

    private InverterRegistration RegistrationOf(string inverterId, InverterSettings settings) =>
        new(SiteId, inverterId, Settings!.TimeZone, settings, Settings.Latitude, Settings.Longitude);

    /// <summary>Takes inverters off the site, remembering them while they hold ledger dates that reports still read from them.</summary>
    private void ForgetInverters(IReadOnlyCollection<string> inverterIds)
    {
        var now = _time.GetUtcNow();
        foreach (var inverterId in inverterIds)
        {
            Inverters.Remove(inverterId);
            _state.State.RemovedInverters[inverterId] = now;
        }

        // An inverter holds its last few dates; once those are over by a day more, they are in the store for certain.
        var holdFor = TimeSpan.FromDays(_options.LedgerDaysInState + 1);
        foreach (var (inverterId, removedAt) in _state.State.RemovedInverters.ToList())
        {
            if (now - removedAt > holdFor)
            {
                _state.State.RemovedInverters.Remove(inverterId);
            }
        }
    }

    private SiteSettings RequireSite()
    {
        if (Settings is { } settings)
        {
            return settings;
        }

        ForgetUnknownSite();
        throw new SiteNotFoundException(SiteId);
    }

    // Sites are kept active (their summaries live in memory); an id that names no live site must not stay active.
    private void ForgetUnknownSite() => DeactivateOnIdle();

    private SiteSummary Summarize(SiteSettings settings) =>
        _rollup.Summarize(SiteId, settings, Inverters.Keys, _zone ?? RegistrationRules.FindTimeZone(settings.TimeZone, nameof(settings)), _time.GetUtcNow());

    private async Task WriteOrReloadAsync()
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from storage: start over from what storage holds on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    private void SchedulePush(bool force)
    {
        _forcePush |= force;
        if (_pushScheduled || _pushTimer is null)
        {
            return;
        }

        _pushScheduled = true;
        var due = _lastPushAt is { } last ? last + _options.SitePushInterval - _time.GetUtcNow() : TimeSpan.Zero;
        _pushTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private Task PushReport()
    {
        _pushScheduled = false;
        if (Settings is not { } settings)
        {
            return Task.CompletedTask;
        }

        var report = new SiteReport(Summarize(settings), _rollup.Problems(SiteId, Inverters.Keys));
        if (!_forcePush && _lastReport is { } last && last.Summary == report.Summary && last.Problems.SequenceEqual(report.Problems))
        {
            return Task.CompletedTask;
        }

        _forcePush = false;
        _lastReport = report;
        _lastPushAt = _time.GetUtcNow();
        Fleet.Report(report).Ignore();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} configured: '{Name}' in {TimeZone}")]
    private partial void LogConfigured(string siteId, string name, string timeZone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId} could not register its reminder; it and its inverters come back after a silo loss only when called")]
    private partial void LogReminderFailed(Exception exception, string siteId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} removed")]
    private partial void LogRemoved(string siteId);
}

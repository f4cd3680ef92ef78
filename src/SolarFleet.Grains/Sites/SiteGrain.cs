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
    private readonly SiteStorage _storage;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<SiteGrain> _logger;
    private readonly SiteRollup _rollup = new();
    private readonly SiteReportPush _push;
    private readonly SiteReminder _reminder;
    private SiteInverters _inverters = null!;
    private TimeZoneInfo? _zone;

    public SiteGrain(
        [PersistentState("site", SolarFleetStorage.GrainStateProvider)] IPersistentState<SiteState> state,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
        IOptions<SolarFleetGrainOptions> options,
        ILogger<SiteGrain> logger)
    {
        _storage = new SiteStorage(state, DeactivateOnIdle);
        _time = time;
        _options = options.Value;
        _logger = logger;
        _push = new SiteReportPush(time, _options.SitePushInterval, CurrentReport, report => Fleet.Report(report).Ignore());
        _reminder = new SiteReminder(this, _options.ReminderPeriod, _options.ReminderRetryDelay, logger);
    }

    private string SiteId => this.GetPrimaryKeyString();

    /// <summary>The settings of a live site; null when there is none, or it was removed.</summary>
    private SiteSettings? Settings => _storage.Settings;

    private Dictionary<string, InverterSettings> Inverters => _storage.State.Inverters;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _inverters = new SiteInverters(GrainFactory, SiteId, _storage, new SiteRoster(_time, _options.LedgerDaysInState), _rollup);
        var pushTimer = this.RegisterGrainTimer(
            static (grain, cancellationToken) =>
            {
                grain._push.Push();
                return Task.CompletedTask;
            },
            this,
            new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan });
        _push.Attach(due => pushTimer.Change(due, Timeout.InfiniteTimeSpan));
        if (Settings is { } settings)
        {
            _zone = RegistrationRules.FindTimeZone(settings.TimeZone, nameof(settings));

            // Summaries are memory only: after a failover, ask the inverters to send theirs (waking any that were lost).
            WakeInverters().Ignore();

            // A site registered before sites held the reminder (its inverters each had one, and drop it) gets it now.
            _reminder.KeepAsync(SiteId, () => Settings is not null, CancellationToken.None).Ignore();

            _push.Schedule(force: true);
        }

        return Task.CompletedTask;
    }

    public async Task Configure(SiteSettings settings)
    {
        RegistrationRules.ValidateSiteId(SiteId);
        RegistrationRules.ValidateSiteSettings(settings);
        var change = SiteRegistration.Configure(_storage.State, settings);
        if (change == SiteChange.None)
        {
            // Repeat: make sure the fleet knows the site (heals a failure between the two writes of an earlier call).
            await Fleet.AddSite(SiteId);
            return;
        }

        if (change == SiteChange.New)
        {
            // The reminder first: if the state write then fails, its tick finds no site and removes it.
            await _reminder.RegisterAsync(CancellationToken.None);
        }

        await _storage.WriteAsync(CancellationToken.None);
        _zone = RegistrationRules.FindTimeZone(settings.TimeZone, nameof(settings));
        await Fleet.AddSite(SiteId);
        if (change == SiteChange.Moved)
        {
            // An inverter's dates and coverage slots are in its site's zone, and its daylight is the site's.
            await _inverters.ConfigureAllAsync(settings);
        }

        LogConfigured(SiteId, settings.Name, settings.TimeZone);
        _push.Schedule(force: false);
    }

    public async Task Remove()
    {
        await _inverters.RemoveAllAsync();
        if (_storage.State.Settings is { } settings)
        {
            // Kept as removed, so its energy stays reachable; a repeat passes the removal on to the fleet again.
            var removedAt = SiteRegistration.Remove(_storage.State, _time, out var existed);
            _inverters.ForgetAll();
            await _storage.WriteAsync(CancellationToken.None);
            await Fleet.RemoveSite(new RemovedSite(SiteId, settings.Name, settings.TimeZone, removedAt));
            await _reminder.UnregisterAsync(CancellationToken.None);
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

        // Not live: a removed site (read for its history now and then) and an unknown id alike need not stay active;
        // the storage tells which, and answers null for an unknown one.
        DeactivateOnIdle();
        return await _storage.RemovedSnapshotAsync(SiteId, _time.GetUtcNow(), _options.RemovedRetention, CancellationToken.None);
    }

    // A site has a handful of inverters: asking each (and those removed lately) for its held dates is a bounded fan-out.
    public async Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to) =>
        _storage.State.Settings is null ? [] : await _inverters.HeldLedgerAsync(from, to);

    public async Task UpsertInverter(string inverterId, InverterSettings settings)
    {
        if (await _inverters.UpsertAsync(RequireSite(), inverterId, settings, CancellationToken.None))
        {
            _push.Schedule(force: false);
        }
    }

    public async Task<bool> RemoveInverter(string inverterId)
    {
        RequireSite();
        var known = await _inverters.RemoveAsync(inverterId, CancellationToken.None);
        if (known)
        {
            _push.Schedule(force: false);
        }

        return known;
    }

    public async Task ReplaceInverters(IReadOnlyDictionary<string, InverterSettings> inverters)
    {
        ArgumentNullException.ThrowIfNull(inverters);
        if (await _inverters.ReplaceAsync(RequireSite(), inverters, CancellationToken.None))
        {
            _push.Schedule(force: false);
        }
    }

    public Task Report(InverterSummary summary)
    {
        // A late report from an inverter removed meanwhile is dropped.
        if (Settings is not null && summary.InverterId is { } inverterId && Inverters.ContainsKey(inverterId) && _rollup.Apply(summary))
        {
            _push.Schedule(force: false);
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
            _push.Schedule(force: true);
        }

        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        _reminder.TickAsync(isLive: Settings is not null, WakeInverters, CancellationToken.None);

    public async Task<int> WakeInverters()
    {
        if (Settings is null)
        {
            ForgetUnknownSite();
            return 0;
        }

        return await _inverters.WakeAllAsync();
    }

    private IFleetGrain Fleet => GrainFactory.GetGrain<IFleetGrain>(FleetKey.Default);

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

    // What the fleet is told of a live site; nothing while the site is not live.
    private SiteReport? CurrentReport() =>
        Settings is { } settings ? new SiteReport(Summarize(settings), _rollup.Problems(SiteId, Inverters.Keys)) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} configured: '{Name}' in {TimeZone}")]
    private partial void LogConfigured(string siteId, string name, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId} removed")]
    private partial void LogRemoved(string siteId);
}

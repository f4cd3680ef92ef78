using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Grains.Validation;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// One Pi. Owns its poll schedule (one poll in flight, jittered start, backoff while failing), its decoded state and
/// its energy ledger; its site's persistent reminder brings it back after a silo loss. Reads never wait on a poll.
/// </summary>
/// <remarks>
/// Its <see cref="InverterPoller"/> times polls by the silo's <see cref="PollSchedule"/> rather than a grain timer each
/// (see there why), and runs them on this activation's own task scheduler, interleaved with calls: a slow Pi never holds
/// up a read or a settings change.
/// </remarks>
public sealed partial class InverterGrain : Grain, IInverterGrain, IRemindable, IPolledInverter, IDisposable
{
    /// <summary>
    /// The reminder each inverter once held. Its site's reminder does its work now (one per site, not one per inverter:
    /// a reminder costs a silo about 3 KB for as long as it is registered); an inverter drops its own when it fires.
    /// </summary>
    public const string ReminderName = "keep-polling";

    private readonly IPersistentState<InverterState> _persistent;
    private readonly InverterServices _services;
    private readonly AlertRuleOptions _alertOptions;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<InverterGrain> _logger;
    private readonly List<DailyEnergy> _changedRows = [];
    private string _siteId = string.Empty;
    private string _inverterId = string.Empty;
    private InverterMonitor _monitor = null!;
    private InverterStorage _storage = null!;
    private ISiteGrain _site = null!;
    private InverterPoller _poller = null!;
    private PeerComparison _peers = null!;
    private PollRecorder _recorder = null!;
    private bool _closing;

    public InverterGrain(
        [PersistentState("inverter", SolarFleetStorage.GrainStateProvider)] IPersistentState<InverterState> state,
        InverterServices services)
    {
        _persistent = state;
        _services = services;
        _alertOptions = services.AlertOptions;
        _time = services.Time;
        _options = services.Options;
        _logger = services.Logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_siteId, _inverterId) = InverterKey.Parse(this.GetPrimaryKeyString());
        _poller = new InverterPoller(this, _siteId, _inverterId, _services.Schedule, _services.Gate, _services.Client, _services.Metrics, _time, _options, TaskScheduler.Current, _logger);
        // Resolved once: building a reference from a string key on every poll cost measurable CPU at fleet scale.
        _site = GrainFactory.GetGrain<ISiteGrain>(_siteId);
        _peers = new PeerComparison(GrainFactory, _alertOptions.Underproduction, this.GetPrimaryKeyString(), _logger);
        _recorder = new PollRecorder(_siteId, _inverterId, _services.LedgerStore, _services.ReadingLog, _services.AlertStore, _services.Metrics, _logger);
        _storage = new InverterStorage(_persistent, _time, at => _monitor.MarkWritten(at), _logger, _siteId, _inverterId);
        _monitor = NewMonitor();
        _monitor.MarkWritten(_time.GetUtcNow());

        // Recording is idempotent: what this inverter holds is recorded again, in case the store lost a buffer with a silo.
        _recorder.RecordAlerts(_monitor.Alerts.Book.Held(), announce: false);
        if (_monitor.IsRegistered)
        {
            // Resuming (after a failover, a reminder tick or a call): carry on from the persisted state.
            StartPolling(resumed: true);
            PushSummary(force: true);
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _closing = true;
        StopPolling();
        if (_monitor.IsRegistered && (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || _options.WriteStateOnShutdown))
        {
            await _storage.WriteLoggedAsync();
        }

        await _storage.IdleAsync();
    }

    public async Task Configure(InverterRegistration registration)
    {
        RegistrationRules.ValidateRegistration(registration, this.GetPrimaryKeyString());
        var change = _monitor.Apply(registration, _time.GetUtcNow());
        if (change == RegistrationChange.None)
        {
            return;
        }

        await ReloadOnFailedWrite.WriteAsync(_storage.WriteAsync, DeactivateOnIdle);
        LogConfigured(_siteId, _inverterId, registration.Settings.Host, registration.Settings.Port, registration.Settings.PollSeconds, change);
        const RegistrationChange retime = RegistrationChange.Registered | RegistrationChange.Endpoint | RegistrationChange.PollPeriod;
        if ((change & retime) != 0)
        {
            StartPolling(resumed: false);
        }

        PushSummary(force: false);
    }

    public async Task Remove()
    {
        // This activation ends with the removal: a peer verdict arriving meanwhile must not raise anything.
        _closing = true;
        var wasRegistered = _monitor.IsRegistered;
        StopPolling();
        try
        {
            // The ledger's recent dates stay, so that adding the same id again continues its day; nothing else does.
            if (wasRegistered)
            {
                _monitor.ResolveAlerts(_time.GetUtcNow(), "the inverter was removed.");
                _recorder.RecordAlerts(_monitor.AlertTransitions);
            }

            await _storage.RemoveAsync(wasRegistered);
            _monitor = NewMonitor();
            if (wasRegistered)
            {
                LogRemoved(_siteId, _inverterId);
            }
        }
        finally
        {
            // Also when a storage call failed: polling has stopped, so this activation must go (it would otherwise be
            // kept alive), and the next one starts again from what storage holds.
            DeactivateOnIdle();
        }
    }

    public Task<InverterSnapshot?> GetSnapshot() =>
        Task.FromResult(_monitor.IsRegistered ? _monitor.Snapshot(_time.GetUtcNow()) : null);

    public Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new ArgumentException($"The ledger range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ends before it starts.", nameof(to));
        }

        // A removed inverter still answers for the dates it holds: its last rows may not have reached the store yet.
        IReadOnlyList<DailyEnergy> rows = _monitor.HoldsLedger
            ? _monitor.HeldRows(from, to, _monitor.SiteToday(_time.GetUtcNow())).ToList()
            : [];
        return Task.FromResult(rows);
    }

    public Task ResendSummary()
    {
        if (_monitor.IsRegistered)
        {
            PushSummary(force: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>An inverter's own reminder, registered before its site held one: dropped, and its tick served once more.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await UnregisterReminderAsync();
        if (_monitor.IsRegistered)
        {
            // The pushed summary also activates the site, which then registers the site's reminder if it has none.
            KeepPolling();
        }
    }

    // Activation resumed polling already; what is left is what its site's reminder tick asks for a registered inverter.
    public Task Wake()
    {
        if (_monitor.IsRegistered)
        {
            KeepPolling();
        }
        else
        {
            // Not registered here: nothing keeps this activation, and nothing should.
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    /// <summary>Orleans disposes the instance when the activation ends.</summary>
    public void Dispose() => _poller?.Dispose();

    bool IPolledInverter.IsRegistered => _monitor.IsRegistered;

    TimeSpan IPolledInverter.PollPeriod => _monitor.PollPeriod;

    bool IPolledInverter.IsFailing => _monitor.State.ConsecutiveFailures > 0;

    bool IPolledInverter.HasAnswered => _monitor.State.LastSuccessAt is not null;

    TimeSpan IPolledInverter.NextDelay() => _monitor.NextDelay();

    void IPolledInverter.Apply(PiPollResult result, DateTimeOffset polledAt) => Apply(result, polledAt);

    private void StartPolling(bool resumed)
    {
        _poller.Start(_monitor.Registration.Settings, resumed);

        // Polling is this grain's job: nothing else keeps it active between calls.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
    }

    private void StopPolling() => _poller.Stop();

    private void KeepPolling()
    {
        if (!_poller.IsRunning)
        {
            // Registered but not polling: a removal that failed half way stopped it. Carry on polling.
            StartPolling(resumed: true);
        }

        // Re-pushing also keeps the site's view fresh after a lost one-way message.
        PushSummary(force: true);
    }

    private void Apply(PiPollResult result, DateTimeOffset polledAt)
    {
        _changedRows.Clear();
        var outcome = result.Reading is { } reading
            ? _monitor.OnSuccess(reading, polledAt, _changedRows)
            : _monitor.OnFailure(result.Failure ?? new PiPollFailure(PiFailureKind.NetworkError, "The poll returned neither a reading nor a failure.", 0, 0), polledAt);

        _recorder.Record(result, outcome, _monitor, _changedRows, polledAt);
        _peers.Report(_monitor.Registration, _monitor.CompletedYields);
        _ = JudgeYieldAsync(polledAt);
        PushSummary(force: false);
        if (outcome.PersistNow)
        {
            _storage.WriteInBackground();
        }
    }

    // Off the poll's path: the neighbours' yields are asked for once they have settled, and the verdict applied then.
    private Task JudgeYieldAsync(DateTimeOffset now)
    {
        var monitor = _monitor;
        return _peers.JudgeDueAsync(monitor.Registration, monitor.Alerts.OwnClearSky, now, (observation, at) =>
        {
            if (!_closing && ReferenceEquals(monitor, _monitor) && monitor.IsRegistered)
            {
                _monitor.OnUnderproduction(observation, at);
                _recorder.RecordAlerts(_monitor.AlertTransitions);
                if (_monitor.AlertTransitions.Count > 0)
                {
                    _storage.WriteInBackground();
                }
            }
        });
    }

    private InverterMonitor NewMonitor() => new(_siteId, _inverterId, _storage.State, _options, _alertOptions);

    private void PushSummary(bool force)
    {
        var now = _time.GetUtcNow();
        var summary = force ? _monitor.TakeSummary(now) : _monitor.TakeSummaryIfChanged(now);
        if (summary is { } changed)
        {
            // One-way: the site's roll-up is not on the poll's critical path.
            _site.Report(changed).Ignore();
        }
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} configured: {Host}:{Port} every {PollSeconds} s ({Change})")]
    private partial void LogConfigured(string siteId, string inverterId, string host, int port, int pollSeconds, RegistrationChange change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} removed")]
    private partial void LogRemoved(string siteId, string inverterId);
}

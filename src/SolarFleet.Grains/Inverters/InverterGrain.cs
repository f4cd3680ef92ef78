using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Polling;
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
public sealed class InverterGrain(
    [PersistentState("inverter", SolarFleetStorage.GrainStateProvider)] IPersistentState<InverterState> persistent,
    InverterServices services) : Grain, IInverterGrain, IRemindable, IPolledInverter
{
    /// <summary>
    /// The reminder each inverter once held. Its site's reminder does its work now (one per site, not one per inverter:
    /// a reminder costs a silo about 3 KB for as long as it is registered); an inverter drops its own when it fires.
    /// </summary>
    public const string ReminderName = "keep-polling";

    private readonly List<DailyEnergy> _changedRows = [];
    private string _siteId = string.Empty;
    private string _inverterId = string.Empty;
    private InverterMonitor _monitor = null!;
    private InverterStorage _storage = null!;
    private ISiteGrain _site = null!;
    private InverterPoller _poller = null!;
    private PeerComparison? _peers;
    private bool _closing;

    private TimeProvider Time => services.Time;

    private PollRecorder Recorder => services.Recorder;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_siteId, _inverterId) = InverterKey.Parse(this.GetPrimaryKeyString());
        _poller = new InverterPoller(this, _siteId, _inverterId, services.Polling, TaskScheduler.Current);
        // Resolved once: building a reference from a string key on every poll cost measurable CPU at fleet scale.
        _site = GrainFactory.GetGrain<ISiteGrain>(_siteId);
        _storage = new InverterStorage(persistent, Time, at => _monitor.MarkWritten(at), services.Logger, _siteId, _inverterId);
        _monitor = NewMonitor();
        _monitor.MarkWritten(Time.GetUtcNow());

        // Recording is idempotent: what this inverter holds is recorded again, in case the store lost a buffer with a silo.
        Recorder.RecordAlerts(_monitor, _monitor.Alerts.Book.Held(), announce: false);
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
        _poller.Stop();
        if (_monitor.IsRegistered && (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || services.Options.WriteStateOnShutdown))
        {
            await _storage.WriteLoggedAsync();
        }

        await _storage.IdleAsync();
    }

    public async Task Configure(InverterRegistration registration)
    {
        RegistrationRules.ValidateRegistration(registration, this.GetPrimaryKeyString());
        var change = _monitor.Apply(registration, Time.GetUtcNow());
        if (change == RegistrationChange.None)
        {
            return;
        }

        await ReloadOnFailedWrite.WriteAsync(_storage.WriteAsync, DeactivateOnIdle);
        Recorder.LogConfigured(_siteId, _inverterId, registration.Settings.Host, registration.Settings.Port, registration.Settings.PollSeconds, change);
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
        _poller.Stop();
        try
        {
            // The ledger's recent dates stay, so that adding the same id again continues its day; nothing else does.
            if (wasRegistered)
            {
                _monitor.ResolveAlerts(Time.GetUtcNow(), "the inverter was removed.");
                Recorder.RecordAlerts(_monitor, _monitor.AlertTransitions);
            }

            await _storage.RemoveAsync(wasRegistered);
            _monitor = NewMonitor();
            if (wasRegistered)
            {
                Recorder.LogRemoved(_siteId, _inverterId);
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
        Task.FromResult(_monitor.IsRegistered ? _monitor.Snapshot(Time.GetUtcNow()) : null);

    public Task<IReadOnlyList<DailyEnergy>> GetHeldLedger(DateOnly from, DateOnly to) =>
        Task.FromResult(_monitor.HeldRows(from, to, Time.GetUtcNow()));

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
        await this.UnregisterIfHeldAsync(ReminderName, CancellationToken.None);
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

    IPollCadence IPolledInverter.Cadence => _monitor;

    void IPolledInverter.Apply(PiPollResult result, DateTimeOffset polledAt) => Apply(result, polledAt);

    private void StartPolling(bool resumed)
    {
        _poller.Start(_monitor.Registration.Settings, resumed);

        // Polling is this grain's job: nothing else keeps it active between calls.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
    }

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
        var outcome = _monitor.OnPoll(result, polledAt, _changedRows);
        Recorder.Record(result, outcome, _monitor, _changedRows, polledAt);
        if (_monitor.CompletedYields.Count > 0 && PeerComparison.Compares(_monitor.Registration))
        {
            // Made on the first window to compare: an inverter that does not compare its yield needs none.
            _peers ??= new PeerComparison(GrainFactory, services.AlertOptions.Underproduction, this.GetPrimaryKeyString(), services.Logger);
            _peers.Report(_monitor.Registration, _monitor.CompletedYields);
        }

        if (_peers is { HasPending: true } peers)
        {
            _ = JudgeYieldAsync(peers, polledAt);
        }

        PushSummary(force: false);
        if (outcome.PersistNow)
        {
            _storage.WriteInBackground();
        }
    }

    // Off the poll's path: the neighbours' yields are asked for once they have settled, and the verdict applied then.
    private Task JudgeYieldAsync(PeerComparison peers, DateTimeOffset now)
    {
        var monitor = _monitor;
        return peers.JudgeDueAsync(monitor.Registration, monitor.Alerts.OwnClearSky, now, (observation, at) =>
        {
            if (!_closing && ReferenceEquals(monitor, _monitor) && monitor.IsRegistered)
            {
                _monitor.OnUnderproduction(observation, at);
                Recorder.RecordAlerts(_monitor, _monitor.AlertTransitions);
                if (_monitor.AlertTransitions.Count > 0)
                {
                    _storage.WriteInBackground();
                }
            }
        });
    }

    private InverterMonitor NewMonitor() => new(_siteId, _inverterId, _storage.State, services.Options, services.AlertOptions);

    private void PushSummary(bool force)
    {
        var now = Time.GetUtcNow();
        var summary = force ? _monitor.TakeSummary(now) : _monitor.TakeSummaryIfChanged(now);
        if (summary is { } changed)
        {
            // One-way: the site's roll-up is not on the poll's critical path.
            _site.Report(changed).Ignore();
        }
    }
}

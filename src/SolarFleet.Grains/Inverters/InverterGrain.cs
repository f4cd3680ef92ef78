using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Grains.Validation;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// One Pi. Owns its poll schedule (one poll in flight, jittered start, backoff while failing), its decoded state and
/// its energy ledger; a persistent reminder brings it back after a silo loss. Reads never wait on a poll.
/// </summary>
/// <remarks>
/// Polls are timed by the silo's <see cref="PollSchedule"/> rather than a grain timer each (see there why), and run on
/// this activation's own task scheduler, interleaved with calls: a slow Pi never holds up a read or a settings change.
/// </remarks>
public sealed partial class InverterGrain : Grain, IInverterGrain, IRemindable, IPollTarget, IDisposable
{
    /// <summary>The reminder that re-activates a registered inverter after its silo died.</summary>
    public const string ReminderName = "keep-polling";

    private readonly IPersistentState<InverterState> _state;
    private readonly IPiClient _client;
    private readonly IEnergyLedgerStore _ledgerStore;
    private readonly IReadingLog _readingLog;
    private readonly SolarFleetMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly ILogger<InverterGrain> _logger;
    private readonly SerialStateWriter _writer;
    private readonly PollSchedule _schedule;
    private readonly PollGate _gate;
    private readonly List<DailyEnergy> _changedRows = [];
    private string _siteId = string.Empty;
    private string _inverterId = string.Empty;
    private InverterMonitor _monitor = null!;
    private ISiteGrain _site = null!;
    private PollSlot? _pollSlot;
    private TaskScheduler _scheduler = TaskScheduler.Default;
    private bool _polling;
    private bool _dueWhilePolling;
    private bool _spreadNextPoll;
    private PiEndpoint? _endpoint;
    private CancellationTokenSource _pollCancellation = new();
    private int _generation;

    public InverterGrain(
        [PersistentState("inverter", SolarFleetStorage.GrainStateProvider)] IPersistentState<InverterState> state,
        IPiClient client,
        IEnergyLedgerStore ledgerStore,
        IReadingLog readingLog,
        PollSchedule schedule,
        PollGate gate,
        SolarFleetMetrics metrics,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
        IOptions<SolarFleetGrainOptions> options,
        ILogger<InverterGrain> logger)
    {
        _state = state;
        _client = client;
        _ledgerStore = ledgerStore;
        _readingLog = readingLog;
        _schedule = schedule;
        _gate = gate;
        _metrics = metrics;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _writer = new SerialStateWriter(WriteStateAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_siteId, _inverterId) = InverterKey.Parse(this.GetPrimaryKeyString());
        _scheduler = TaskScheduler.Current;
        // Resolved once: building a reference from a string key on every poll cost measurable CPU at fleet scale.
        _site = GrainFactory.GetGrain<ISiteGrain>(_siteId);
        _monitor = new InverterMonitor(_siteId, _inverterId, _state.State, _options);
        _monitor.MarkWritten(_time.GetUtcNow());
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
        StopPolling();
        if (_monitor.IsRegistered && (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || _options.WriteStateOnShutdown))
        {
            try
            {
                await _writer.WriteAsync();
            }
            catch (Exception ex)
            {
                LogStateWriteFailed(ex, _siteId, _inverterId);
            }
        }

        await _writer.IdleAsync();
    }

    public async Task Configure(InverterRegistration registration)
    {
        RegistrationRules.ValidateRegistration(registration, this.GetPrimaryKeyString());
        var wasRegistered = _monitor.IsRegistered;
        var change = _monitor.Apply(registration, _time.GetUtcNow());
        if (change == RegistrationChange.None)
        {
            return;
        }

        try
        {
            if (!wasRegistered)
            {
                // The reminder first: if the state write then fails, the reminder finds nothing registered and removes itself.
                await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            }

            await _writer.WriteAsync();
        }
        catch
        {
            // Memory now differs from storage: start over from what storage holds on the next call.
            DeactivateOnIdle();
            throw;
        }

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
        var wasRegistered = _monitor.IsRegistered;
        StopPolling();
        try
        {
            // The ledger's recent dates stay, so that adding the same id again continues its day; nothing else does.
            var ledger = _state.State.Ledger;
            if (ledger.Days.Count > 0)
            {
                if (wasRegistered || _state.State.Registration is not null)
                {
                    _state.State = new InverterState { Ledger = ledger, RemovedAt = _time.GetUtcNow(), RemovedRegistration = _state.State.Registration };
                    await _writer.RunAsync(() => _state.WriteStateAsync());
                }
            }
            else if (_state.RecordExists || wasRegistered)
            {
                await _writer.RunAsync(() => _state.ClearStateAsync());
                _state.State = new InverterState();
            }

            _monitor = new InverterMonitor(_siteId, _inverterId, _state.State, _options);
            await UnregisterReminderAsync();
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

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_monitor.IsRegistered)
        {
            await UnregisterReminderAsync();
            return;
        }

        if (_endpoint is null)
        {
            // Registered but not polling: a removal that failed half way stopped it. Carry on polling.
            StartPolling(resumed: true);
        }

        // Re-pushing also keeps the site's view fresh after a lost one-way message.
        PushSummary(force: true);
    }

    /// <summary>Orleans disposes the instance when the activation ends.</summary>
    public void Dispose() => _pollCancellation.Dispose();

    /// <summary>
    /// Starts (or restarts) the poll cadence. An inverter resuming polls first at a random point of its period, so a
    /// silo full of them coming back does not poll in lockstep. A new registration or address is polled at once (the
    /// installer sees at once whether the Pi answers) and spreads its second poll instead.
    /// </summary>
    private void StartPolling(bool resumed)
    {
        var settings = _monitor.Registration.Settings;
        if (_endpoint is null || _endpoint.Host != settings.Host || _endpoint.Port != settings.Port)
        {
            // A poll still out to the old address is abandoned: its answer describes a Pi we no longer poll.
            CancelPollInFlight();
            _endpoint = new PiEndpoint(settings.Host, settings.Port);
        }

        var due = resumed && _options.JitterFirstPoll ? PollBackoff.Jitter(_monitor.PollPeriod, Random.Shared) : TimeSpan.Zero;
        _spreadNextPoll = !resumed && _options.JitterFirstPoll;
        _pollSlot ??= _schedule.CreateSlot(this);
        _pollSlot.Change(due);

        // Polling is this grain's job: nothing else keeps it active between calls.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
    }

    private void StopPolling()
    {
        CancelPollInFlight();
        _pollSlot?.Stop();
        _endpoint = null;
    }

    private void CancelPollInFlight()
    {
        _generation++;
        _pollCancellation.Cancel();
        _pollCancellation.Dispose();
        _pollCancellation = new CancellationTokenSource();
    }

    /// <summary>Called by the schedule on a timer thread: the poll itself runs on this activation.</summary>
    void IPollTarget.OnPollDue(long version) =>
        _ = Task.Factory.StartNew(static state => ((Due)state!).RunAsync(), new Due(this, version), CancellationToken.None, TaskCreationOptions.None, _scheduler);

    private async Task RunDuePollAsync(long version)
    {
        if (_pollSlot is not { } slot || !slot.IsCurrent(version))
        {
            // Rescheduled or stopped between falling due and running here.
            return;
        }

        if (_polling)
        {
            // One poll at a time: the running one decides when the next is due.
            _dueWhilePolling = true;
            return;
        }

        if (_endpoint is not { } endpoint || !_monitor.IsRegistered)
        {
            return;
        }

        _polling = true;
        _dueWhilePolling = false;
        var generation = _generation;
        var startedAt = _time.GetUtcNow();
        try
        {
            await PollOnceAsync(endpoint, generation, startedAt);
        }
        catch (Exception ex)
        {
            // Whatever went wrong with this poll, the next one still comes.
            LogPollThrew(ex, _siteId, _inverterId);
        }
        finally
        {
            _polling = false;
            if (generation == _generation && _monitor.IsRegistered)
            {
                // Keep the cadence anchored to the poll's start, so poll duration does not stretch the period.
                var due = startedAt + NextDelay() - _time.GetUtcNow();
                _pollSlot?.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero);
            }
            else if (_dueWhilePolling)
            {
                // Polling restarted (new address) while this poll ran, and the restart's first poll fell due meanwhile.
                _pollSlot?.Change(TimeSpan.Zero);
            }
        }
    }

    /// <summary>
    /// The wait after a poll. After the prompt first poll of a new registration it is a random part of the period:
    /// inverters registered together then poll spread across the period from the second poll on, and none waits
    /// longer than a period for it.
    /// </summary>
    private TimeSpan NextDelay()
    {
        var delay = _monitor.NextDelay();
        var spread = _spreadNextPoll && _monitor.State.ConsecutiveFailures == 0;
        _spreadNextPoll = false;

        // A failed first poll keeps its backoff as it is: spreading it could retry a failing Pi at once.
        return spread ? PollBackoff.Jitter(delay, Random.Shared) : delay;
    }

    private async Task PollOnceAsync(PiEndpoint endpoint, int generation, DateTimeOffset startedAt)
    {
        PiPollResult result;
        try
        {
            // The token of this poll's generation, taken once: a restart while the poll waits for a slot replaces it.
            var cancellationToken = _pollCancellation.Token;
            using (await _gate.EnterAsync(cancellationToken))
            {
                if (generation != _generation)
                {
                    return;
                }

                result = await _client.PollAsync(endpoint, _options.Queries, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (generation != _generation)
        {
            return;
        }
        catch (Exception ex)
        {
            // The client reports failures as results; anything thrown is a bug there, and must not stop polling.
            LogPollThrew(ex, _siteId, _inverterId);
            result = PiPollResult.Failed(
                new PiPollFailure(PiFailureKind.NetworkError, ex.Message, 0, 0),
                _time.GetUtcNow() - startedAt);
        }

        if (generation != _generation)
        {
            return;
        }

        Apply(result, _time.GetUtcNow());
    }

    private void Apply(PiPollResult result, DateTimeOffset polledAt)
    {
        _changedRows.Clear();
        var outcome = result.Reading is { } reading
            ? _monitor.OnSuccess(reading, polledAt, _changedRows)
            : _monitor.OnFailure(result.Failure ?? new PiPollFailure(PiFailureKind.NetworkError, "The poll returned neither a reading nor a failure.", 0, 0), polledAt);

        _metrics.RecordPoll(result.Failure?.Kind, result.Elapsed);
        if (outcome.DataAge is { } age)
        {
            _metrics.RecordDataAge(age);
        }

        foreach (var row in _changedRows)
        {
            _ledgerStore.Upsert(row);
        }

        if (result.Reading is { } good)
        {
            _readingLog.Append(new InverterReadingRecord(
                _siteId,
                _inverterId,
                polledAt,
                good.Timestamp,
                good.PowerNowW,
                good.PowerTodayWh,
                _monitor.ToKilowattHours(good.PowerTotal),
                good.StatusCode,
                good.GridVoltageV,
                good.GridFrequencyHz,
                good.UptimeSeconds));
        }

        if (outcome.ClockSkewStarted is { } skew)
        {
            LogClockSkewed(_siteId, _inverterId, skew);
        }

        if (outcome.HealthChanged)
        {
            LogHealthChanged(_siteId, _inverterId, outcome.PreviousHealth, outcome.Health, _monitor.State.StatusCode, _monitor.State.LastError);
        }

        PushSummary(force: false);
        if (outcome.PersistNow)
        {
            _ = PersistInBackgroundAsync();
        }
    }

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

    // The poll loop never waits on storage; writes are serialized and failures logged (the next event retries).
    private async Task PersistInBackgroundAsync()
    {
        try
        {
            await _writer.WriteAsync();
        }
        catch (Exception ex)
        {
            LogStateWriteFailed(ex, _siteId, _inverterId);
        }
    }

    private async Task WriteStateAsync()
    {
        var at = _time.GetUtcNow();
        await _state.WriteStateAsync();
        _monitor.MarkWritten(at);
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} health {Previous} -> {Health} (status {StatusCode}, last error {LastError})")]
    private partial void LogHealthChanged(string siteId, string inverterId, InverterHealth previous, InverterHealth health, int? statusCode, string? lastError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} configured: {Host}:{Port} every {PollSeconds} s ({Change})")]
    private partial void LogConfigured(string siteId, string inverterId, string host, int port, int pollSeconds, RegistrationChange change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} clock-skewed: {ClockSkew}")]
    private partial void LogClockSkewed(string siteId, string inverterId, string clockSkew);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inverter {SiteId}/{InverterId} removed")]
    private partial void LogRemoved(string siteId, string inverterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the state of inverter {SiteId}/{InverterId} failed; it is retried on the next state change")]
    private partial void LogStateWriteFailed(Exception exception, string siteId, string inverterId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling inverter {SiteId}/{InverterId} threw instead of returning a failure")]
    private partial void LogPollThrew(Exception exception, string siteId, string inverterId);

    private sealed record Due(InverterGrain Grain, long Version)
    {
        public Task RunAsync() => Grain.RunDuePollAsync(Version);
    }
}

using Microsoft.Extensions.Logging;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Polling;

/// <summary>
/// One inverter's poll loop: its place in the silo's <see cref="PollSchedule"/>, one poll in flight, a slot of the
/// <see cref="PollGate"/>, a jittered start, and a generation that abandons a poll to an address no longer polled.
/// Polls run on the inverter's activation (the task scheduler given), interleaved with its calls.
/// </summary>
public sealed partial class InverterPoller : IPollTarget, IDisposable
{
    /// <summary>The least time from the end of one poll to the start of the next, whatever the cadence says.</summary>
    public static readonly TimeSpan MinGapBetweenPolls = TimeSpan.FromSeconds(1);

    private readonly IPolledInverter _inverter;
    private readonly PollSchedule _schedule;
    private readonly PollGate _gate;
    private readonly IPiClient _client;
    private readonly SolarFleetMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SolarFleetGrainOptions _options;
    private readonly TaskScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly string _siteId;
    private readonly string _inverterId;
    private PollSlot? _slot;
    private PiEndpoint? _endpoint;
    private DateTimeOffset _dueAt;
    private CancellationTokenSource _cancellation = new();
    private int _generation;
    private bool _polling;
    private bool _dueWhilePolling;
    private bool _spreadNextPoll;

    public InverterPoller(
        IPolledInverter inverter,
        string siteId,
        string inverterId,
        PollSchedule schedule,
        PollGate gate,
        IPiClient client,
        SolarFleetMetrics metrics,
        TimeProvider time,
        SolarFleetGrainOptions options,
        TaskScheduler scheduler,
        ILogger logger)
    {
        _inverter = inverter;
        _siteId = siteId;
        _inverterId = inverterId;
        _schedule = schedule;
        _gate = gate;
        _client = client;
        _metrics = metrics;
        _time = time;
        _options = options;
        _scheduler = scheduler;
        _logger = logger;
    }

    /// <summary>Whether polls are scheduled (between <see cref="Start"/> and <see cref="Stop"/>).</summary>
    public bool IsRunning => _endpoint is not null;

    /// <summary>
    /// Starts (or restarts) the cadence for <paramref name="settings"/>. An inverter resuming polls first at a random
    /// point of its period, so a silo full of them coming back does not poll in lockstep. A new registration or
    /// address is polled at once (the installer sees at once whether the Pi answers) and spreads its second poll.
    /// </summary>
    public void Start(InverterSettings settings, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_endpoint is null || _endpoint.Host != settings.Host || _endpoint.Port != settings.Port)
        {
            // A poll still out to the old address is abandoned: its answer describes a Pi we no longer poll.
            CancelPollInFlight();
            _endpoint = new PiEndpoint(settings.Host, settings.Port);
        }

        var due = resumed && _options.JitterFirstPoll ? PollBackoff.Jitter(_inverter.PollPeriod, Random.Shared) : TimeSpan.Zero;
        _spreadNextPoll = !resumed && _options.JitterFirstPoll;
        _slot ??= _schedule.CreateSlot(this);
        ScheduleIn(due);
    }

    /// <summary>Stops the cadence and abandons a poll in flight.</summary>
    public void Stop()
    {
        CancelPollInFlight();
        _slot?.Stop();
        _endpoint = null;
    }

    public void Dispose() => _cancellation.Dispose();

    /// <summary>Called by the schedule on a timer thread: the poll itself runs on the inverter's activation.</summary>
    void IPollTarget.OnPollDue(long version) =>
        _ = Task.Factory.StartNew(static state => ((Due)state!).RunAsync(), new Due(this, version), CancellationToken.None, TaskCreationOptions.None, _scheduler);

    private void CancelPollInFlight()
    {
        _generation++;
        _cancellation.Cancel();
        _cancellation.Dispose();
        _cancellation = new CancellationTokenSource();
    }

    private async Task RunDuePollAsync(long version)
    {
        if (_slot is not { } slot || !slot.IsCurrent(version))
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

        if (_endpoint is not { } endpoint || !_inverter.IsRegistered)
        {
            return;
        }

        _polling = true;
        _dueWhilePolling = false;
        var generation = _generation;
        var startedAt = _time.GetUtcNow();
        try
        {
            await PollOnceAsync(endpoint, generation, startedAt, _dueAt);
        }
        catch (Exception ex)
        {
            // Whatever went wrong with this poll, the next one still comes.
            LogPollThrew(ex, _siteId, _inverterId);
        }
        finally
        {
            _polling = false;
            if (generation == _generation && _inverter.IsRegistered)
            {
                // Keep the cadence anchored to the poll's start, so poll duration does not stretch the period; but
                // never ask again at once (a spread second poll, or a poll longer than the period): a Pi serves one
                // client at a time and may still be closing this connection.
                var due = startedAt + NextDelay() - _time.GetUtcNow();
                ScheduleIn(due > MinGapBetweenPolls ? due : MinGapBetweenPolls);
            }
            else if (_dueWhilePolling)
            {
                // Polling restarted (new address) while this poll ran, and the restart's first poll fell due meanwhile.
                ScheduleIn(TimeSpan.Zero);
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
        var delay = _inverter.NextDelay();
        var spread = _spreadNextPoll && !_inverter.IsFailing;
        _spreadNextPoll = false;

        // A failed first poll keeps its backoff as it is: spreading it could retry a failing Pi at once.
        return spread ? PollBackoff.Jitter(delay, Random.Shared) : delay;
    }

    /// <summary>The next poll falls due <paramref name="due"/> from now; its lateness is measured from then.</summary>
    private void ScheduleIn(TimeSpan due)
    {
        if (_slot is not { } slot)
        {
            return;
        }

        _dueAt = _time.GetUtcNow() + due;
        slot.Change(due);
    }

    private async Task PollOnceAsync(PiEndpoint endpoint, int generation, DateTimeOffset startedAt, DateTimeOffset dueAt)
    {
        PiPollResult result;
        var lateness = TimeSpan.Zero;
        try
        {
            // The token of this poll's generation, taken once: a restart while the poll waits for a slot replaces it.
            var cancellationToken = _cancellation.Token;
            var lane = _inverter.IsFailing ? PollLane.Failing : _inverter.HasAnswered ? PollLane.Answering : PollLane.Unproven;
            using (await _gate.EnterAsync(lane, cancellationToken))
            {
                if (generation != _generation)
                {
                    return;
                }

                // Time in the schedule, the activation's queue and the gate: what a hung Pi holding slots would add.
                lateness = _time.GetUtcNow() - dueAt;
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
            result = PiPollResult.Failed(new PiPollFailure(PiFailureKind.NetworkError, ex.Message, 0, 0), _time.GetUtcNow() - startedAt);
        }

        if (generation == _generation)
        {
            _metrics.RecordPollLateness(result.Failure?.Kind, lateness);
            _inverter.Apply(result, _time.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling inverter {SiteId}/{InverterId} threw instead of returning a failure")]
    private partial void LogPollThrew(Exception exception, string siteId, string inverterId);

    private sealed record Due(InverterPoller Poller, long Version)
    {
        public Task RunAsync() => Poller.RunDuePollAsync(Version);
    }
}

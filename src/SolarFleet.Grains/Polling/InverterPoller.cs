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
public sealed partial class InverterPoller : IPollTarget
{
    /// <summary>The least time from the end of one poll to the start of the next, whatever the cadence says.</summary>
    public static readonly TimeSpan MinGapBetweenPolls = TimeSpan.FromSeconds(1);

    private readonly IPolledInverter _inverter;
    private readonly PollingServices _services;
    private readonly TaskScheduler _scheduler;
    private readonly string _siteId;
    private readonly string _inverterId;
    private PollSlot? _slot;
    private PiEndpoint? _endpoint;
    private DateTimeOffset _dueAt;
    private CancellationTokenSource? _cancellation;
    private int _generation;
    private bool _polling;
    private bool _dueWhilePolling;
    private bool _spreadNextPoll;

    public InverterPoller(IPolledInverter inverter, string siteId, string inverterId, PollingServices services, TaskScheduler scheduler)
    {
        _inverter = inverter;
        _siteId = siteId;
        _inverterId = inverterId;
        _services = services;
        _scheduler = scheduler;
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

        var due = resumed && _services.Options.JitterFirstPoll ? PollBackoff.Jitter(_inverter.Cadence.PollPeriod, Random.Shared) : TimeSpan.Zero;
        _spreadNextPoll = !resumed && _services.Options.JitterFirstPoll;
        _slot ??= _services.Schedule.CreateSlot(this);
        ScheduleIn(due);
    }

    /// <summary>Stops the cadence and abandons a poll in flight.</summary>
    public void Stop()
    {
        CancelPollInFlight();
        _slot?.Stop();
        _endpoint = null;
    }

    /// <summary>Called by the schedule on a timer thread: the poll itself runs on the inverter's activation.</summary>
    void IPollTarget.OnPollDue(long version) =>
        _ = Task.Factory.StartNew(static state => ((Due)state!).RunAsync(), new Due(this, version), CancellationToken.None, TaskCreationOptions.None, _scheduler);

    private void CancelPollInFlight()
    {
        _generation++;
        _cancellation?.Cancel();
        _cancellation = null;
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

        if (_endpoint is not { } endpoint || !_inverter.Cadence.IsRegistered)
        {
            return;
        }

        _polling = true;
        _dueWhilePolling = false;
        var generation = _generation;
        var startedAt = _services.Time.GetUtcNow();

        // Each poll has its own cancellation, which a restart cancels: between polls an inverter holds none, nor the
        // registrations a used source keeps (about 200 bytes an inverter at fleet scale).
        using var cancellation = new CancellationTokenSource();
        _cancellation = cancellation;
        try
        {
            await PollOnceAsync(endpoint, generation, startedAt, _dueAt, cancellation.Token);
        }
        catch (Exception ex)
        {
            // Whatever went wrong with this poll, the next one still comes.
            LogPollThrew(_services.Logger, ex, _siteId, _inverterId);
        }
        finally
        {
            _polling = false;
            if (ReferenceEquals(_cancellation, cancellation))
            {
                _cancellation = null;
            }

            if (generation == _generation && _inverter.Cadence.IsRegistered)
            {
                // Keep the cadence anchored to the poll's start, so poll duration does not stretch the period; but
                // never ask again at once (a spread second poll, or a poll longer than the period): a Pi serves one
                // client at a time and may still be closing this connection.
                var due = startedAt + NextDelay() - _services.Time.GetUtcNow();
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
        var delay = _inverter.Cadence.NextDelay();
        var spread = _spreadNextPoll && !_inverter.Cadence.IsFailing;
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

        _dueAt = _services.Time.GetUtcNow() + due;
        slot.Change(due);
    }

    private async Task PollOnceAsync(PiEndpoint endpoint, int generation, DateTimeOffset startedAt, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        PiPollResult result;
        var lateness = TimeSpan.Zero;
        try
        {
            var lane = _inverter.Cadence.IsFailing ? PollLane.Failing : _inverter.Cadence.HasAnswered ? PollLane.Answering : PollLane.Unproven;
            using (await _services.Gate.EnterAsync(lane, cancellationToken))
            {
                if (generation != _generation)
                {
                    return;
                }

                // Time in the schedule, the activation's queue and the gate: what a hung Pi holding slots would add.
                lateness = _services.Time.GetUtcNow() - dueAt;
                result = await _services.Client.PollAsync(endpoint, _services.Options.Queries, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (generation != _generation)
        {
            return;
        }
        catch (Exception ex)
        {
            // The client reports failures as results; anything thrown is a bug there, and must not stop polling.
            LogPollThrew(_services.Logger, ex, _siteId, _inverterId);
            result = PiPollResult.Failed(new PiPollFailure(PiFailureKind.NetworkError, ex.Message, 0, 0), _services.Time.GetUtcNow() - startedAt);
        }

        if (generation == _generation)
        {
            _services.Metrics.RecordPollLateness(result.Failure?.Kind, lateness);
            _inverter.Apply(result, _services.Time.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling inverter {SiteId}/{InverterId} threw instead of returning a failure")]
    private static partial void LogPollThrew(ILogger logger, Exception exception, string siteId, string inverterId);

    private sealed record Due(InverterPoller Poller, long Version)
    {
        public Task RunAsync() => Poller.RunDuePollAsync(Version);
    }
}

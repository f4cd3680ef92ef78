using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace SolarFleet.Grains.Polling;

/// <summary>
/// The next poll of every inverter on this silo, in one queue ordered by due time behind a single timer.
/// </summary>
/// <remarks>
/// A grain timer per inverter puts every inverter in the runtime's timer queue, which walks all of its long-lived
/// timers three times a second: at 100,000 inverters that walk (<c>TimerQueue.FireNextTimers</c>) took 19 % of the
/// silo's CPU (perf). A heap costs O(log n) per poll and nothing in between. Entries replaced by a later change stay in
/// the heap until their time comes and are skipped then.
/// </remarks>
public sealed partial class PollSchedule : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    // A timer that fires a hair before the earliest entry is due must not re-arm for zero and spin.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger<PollSchedule> _logger;
    private readonly Lock _lock = new();
    private readonly PriorityQueue<(PollSlot Slot, long Version), long> _queue = new();
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private volatile bool _stopped;

    public PollSchedule([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, ILogger<PollSchedule> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((PollSchedule)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Entries in the queue, including replaced ones not yet due.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Whether <see cref="Stop"/> was called: from then on no due time is current.</summary>
    public bool IsStopped => _stopped;

    /// <summary>A slot for one target; nothing is due until <see cref="PollSlot.Change"/>.</summary>
    public PollSlot CreateSlot(IPollTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new PollSlot(this, target);
    }

    /// <summary>
    /// Nothing falls due any more. The silo calls this as it starts to stop, before it deactivates the grains: an
    /// inverter that polled during the shutdown would push its summary to a site already gone, and a silo of 100,000
    /// did that tens of thousands of times, each an error in the log.
    /// </summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _queue.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PollSchedule), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            Stop();
            return Task.CompletedTask;
        });

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }

    internal void Add(PollSlot slot, long version, TimeSpan due)
    {
        var now = _time.GetTimestamp();
        var at = now + (long)(due.TotalSeconds * _time.TimestampFrequency);
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _queue.Enqueue((slot, version), at);
            if (at < _armedFor)
            {
                _armedFor = at;
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTimer()
    {
        List<(PollSlot Slot, long Version)>? due = null;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var now = _time.GetTimestamp();
            while (_queue.TryPeek(out var entry, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (entry.Slot.IsCurrent(entry.Version))
                {
                    (due ??= []).Add(entry);
                }
            }

            _armedFor = long.MaxValue;
            if (_queue.TryPeek(out _, out var next))
            {
                _armedFor = next;
                var wait = _time.GetElapsedTime(now, next);
                _timer.Change(wait > MinimumWait ? wait : MinimumWait, Timeout.InfiniteTimeSpan);
            }
        }

        // Outside the lock: a target may change its own slot at once.
        if (due is not null)
        {
            foreach (var (slot, version) in due)
            {
                try
                {
                    slot.Fire(version);
                }
                catch (Exception ex)
                {
                    // One broken target must not keep the others from polling, nor take the timer thread down.
                    LogTargetThrew(ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A poll target threw when its poll fell due")]
    private partial void LogTargetThrew(Exception exception);
}

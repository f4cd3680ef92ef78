namespace SolarFleet.Grains.Polling;

/// <summary>One inverter's place in a <see cref="PollSchedule"/>: at most one pending due time, replaced by every change.</summary>
public sealed class PollSlot
{
    private readonly PollSchedule _schedule;
    private readonly IPollTarget _target;
    private long _version;

    internal PollSlot(PollSchedule schedule, IPollTarget target)
    {
        _schedule = schedule;
        _target = target;
    }

    /// <summary>Replaces the pending due time (if any): the target is called once, <paramref name="due"/> from now.</summary>
    public void Change(TimeSpan due)
    {
        var version = Interlocked.Increment(ref _version);
        if (_schedule.IsStopped)
        {
            return;
        }

        if (due <= TimeSpan.Zero)
        {
            _target.OnPollDue(version);
            return;
        }

        _schedule.Add(this, version, due);
    }

    /// <summary>Cancels the pending due time.</summary>
    public void Stop() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Whether <paramref name="version"/> is still the latest due time: false once a later change or a stop replaced
    /// it, or the schedule stopped. A target that hands the work on checks this when the work runs, so a due time
    /// replaced meanwhile, or one still queued when the silo began to stop, is dropped.
    /// </summary>
    public bool IsCurrent(long version) => !_schedule.IsStopped && Volatile.Read(ref _version) == version;

    internal void Fire(long version) => _target.OnPollDue(version);
}

namespace SolarFleet.Protocol.Polling;

/// <summary>
/// The connect, poll and idle-gap deadlines of one poll, driven by a single <see cref="TimeProvider"/> timer
/// that cancels <see cref="Token"/> and records which deadline ran out. Reused from poll to poll, so a
/// poll that meets no deadline allocates no timer and no token source.
/// </summary>
internal sealed class PollDeadlines : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;

    // Guards the deadlines, the expiry and the token source against the timer and caller callbacks.
    private readonly Lock _gate = new();
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _callerRegistration;
    private CancellationToken _callerToken;
    private long _connectDeadline = long.MaxValue;
    private long _pollDeadline = long.MaxValue;
    private long _idleDeadline = long.MaxValue;
    private PollExpiry _expired;

    public PollDeadlines(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(static state => ((PollDeadlines)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when a deadline runs out or the caller cancels.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                return _source.Token;
            }
        }
    }

    public PollExpiry Expired
    {
        get
        {
            lock (_gate)
            {
                return _expired;
            }
        }
    }

    public void Start(TimeSpan connectTimeout, TimeSpan pollTimeout, CancellationToken callerToken)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _pollDeadline = After(now, pollTimeout);
            _connectDeadline = Math.Min(After(now, connectTimeout), _pollDeadline);
            _idleDeadline = long.MaxValue;
            Rearm(now);
        }

        _callerToken = callerToken;
        _callerRegistration = callerToken.UnsafeRegister(static state => ((PollDeadlines)state!).CancelForCaller(), this);
    }

    public void EndConnect()
    {
        lock (_gate)
        {
            _connectDeadline = long.MaxValue;
            Rearm(_time.GetTimestamp());
        }
    }

    /// <summary>Data arrived with an answer still open: a pause of <paramref name="gap"/> from now ends it.</summary>
    public void ArmIdleGap(TimeSpan gap)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            RecoverFromIdleGap();
            _idleDeadline = After(now, gap);
            Rearm(now);
        }
    }

    /// <summary>No answer is open (or the pause was handled): no idle deadline, and a fresh token if it fired.</summary>
    public void ClearIdleGap()
    {
        lock (_gate)
        {
            if (_idleDeadline == long.MaxValue && _expired != PollExpiry.IdleGap)
            {
                return;
            }

            RecoverFromIdleGap();
            _idleDeadline = long.MaxValue;
            Rearm(_time.GetTimestamp());
        }
    }

    /// <summary>Ends the poll: disarms everything and readies the deadlines for the next poll.</summary>
    public void Stop()
    {
        // Waits for a caller callback in flight, so none can touch the next poll.
        _callerRegistration.Dispose();
        _callerRegistration = default;
        _callerToken = default;
        lock (_gate)
        {
            _connectDeadline = _pollDeadline = _idleDeadline = long.MaxValue;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _expired = PollExpiry.None;
            if (!_source.TryReset())
            {
                _source.Dispose();
                _source = new CancellationTokenSource();
            }
        }
    }

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _timer.Dispose();
        _source.Dispose();
    }

    private void RecoverFromIdleGap()
    {
        if (_expired == PollExpiry.IdleGap)
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
            _expired = PollExpiry.None;

            // The caller may have cancelled the source just replaced.
            if (_callerToken.IsCancellationRequested)
            {
                _source.Cancel();
            }
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_expired != PollExpiry.None)
            {
                return;
            }

            var now = _time.GetTimestamp();
            _expired = now >= _connectDeadline ? PollExpiry.Connect
                : now >= _pollDeadline ? PollExpiry.Poll
                : now >= _idleDeadline ? PollExpiry.IdleGap
                : PollExpiry.None;
            if (_expired == PollExpiry.None)
            {
                // A stale or early tick: wait for the nearest deadline still set.
                Rearm(now);
                return;
            }

            // Cancelled under the lock so that a poll ending now cannot hand this source to the next poll first.
            _source.Cancel();
        }
    }

    private void CancelForCaller()
    {
        lock (_gate)
        {
            _source.Cancel();
        }
    }

    private void Rearm(long now)
    {
        if (_expired != PollExpiry.None)
        {
            return;
        }

        var next = Math.Min(_connectDeadline, Math.Min(_pollDeadline, _idleDeadline));
        var due = next == long.MaxValue ? Timeout.InfiniteTimeSpan
            : next <= now ? TimeSpan.Zero
            : _time.GetElapsedTime(now, next);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private long After(long now, TimeSpan span) =>
        now + (long)Math.Min(span.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 2);
}

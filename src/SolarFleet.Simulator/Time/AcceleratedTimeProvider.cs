namespace SolarFleet.Simulator.Time;

/// <summary>
/// A clock that starts at a chosen instant and runs <see cref="Speed"/> times faster than an inner
/// clock (for demos: a day of production in minutes). Timers and delays shrink to match, so code on
/// this clock behaves as it would on a real one, only sooner.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _innerOrigin;

    /// <param name="inner">The clock to speed up (usually <see cref="TimeProvider.System"/>).</param>
    /// <param name="speed">How many times faster than <paramref name="inner"/>; 1 just shifts the clock.</param>
    /// <param name="start">The instant this clock shows now.</param>
    public AcceleratedTimeProvider(TimeProvider inner, double speed, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be a positive number.");
        }

        _inner = inner;
        _innerOrigin = inner.GetTimestamp();
        Speed = speed;
        Start = start;
    }

    public double Speed { get; }

    /// <summary>The instant this clock showed when it was created.</summary>
    public DateTimeOffset Start { get; }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <summary>
    /// The instant of <paramref name="localTime"/> on the current local date in <paramref name="zone"/>,
    /// e.g. today 08:00 at a site, to start a demo with the sun already up.
    /// </summary>
    public static DateTimeOffset TodayAt(TimeProvider clock, TimeZoneInfo zone, TimeOnly localTime)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var local = today.ToDateTime(localTime);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public override DateTimeOffset GetUtcNow() =>
        Start + TimeSpan.FromTicks((long)(_inner.GetElapsedTime(_innerOrigin).Ticks * Speed));

    public override long GetTimestamp() =>
        _innerOrigin + (long)((_inner.GetTimestamp() - _innerOrigin) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    /// <summary>A timer of the inner clock whose changes are shrunk too.</summary>
    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Shrink(dueTime), clock.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

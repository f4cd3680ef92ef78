namespace SolarFleet.Simulator.Time;

/// <summary>
/// An inner clock until <see cref="Freeze"/>, then that instant for good: the inverters stop producing, so what the Pis
/// report afterwards is the final truth a ledger must reach exactly. Timestamps and timers stay on the inner clock, so
/// idle timeouts still work.
/// </summary>
public sealed class FreezableTimeProvider(TimeProvider inner) : TimeProvider
{
    private long _frozenTicks;

    public bool IsFrozen => Interlocked.Read(ref _frozenTicks) != 0;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref _frozenTicks);
        return frozen != 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : inner.GetUtcNow();
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Stops the clock (a second call changes nothing) and returns the instant it shows from now on.</summary>
    public DateTimeOffset Freeze()
    {
        Interlocked.CompareExchange(ref _frozenTicks, inner.GetUtcNow().UtcTicks, 0);
        return GetUtcNow();
    }
}

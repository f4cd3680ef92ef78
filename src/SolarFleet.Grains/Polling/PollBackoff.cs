namespace SolarFleet.Grains.Polling;

/// <summary>How long an inverter waits before its next poll; a site before it tries its reminder again, by the same rule.</summary>
public static class PollBackoff
{
    // 2^20 periods is far beyond any sensible cap; stopping there keeps the arithmetic finite.
    private const int MaxExponent = 20;

    /// <summary>
    /// The normal period while polls succeed; period × 2^k after k consecutive failures, up to the cap. The cap never
    /// shortens the inverter's own period (a one-hour inverter is not polled faster because it fails).
    /// </summary>
    public static TimeSpan NextDelay(TimeSpan period, int consecutiveFailures, TimeSpan cap)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The poll period must be positive.");
        }

        if (consecutiveFailures <= 0)
        {
            return period;
        }

        var ceiling = cap > period ? cap : period;
        var factor = 1L << Math.Min(consecutiveFailures, MaxExponent);
        var ticks = period.Ticks > ceiling.Ticks / factor ? ceiling.Ticks : period.Ticks * factor;
        return TimeSpan.FromTicks(Math.Min(ticks, ceiling.Ticks));
    }

    /// <summary>A uniformly random offset in [0, period), so inverters activated together do not poll in lockstep.</summary>
    public static TimeSpan Jitter(TimeSpan period, Random random) =>
        TimeSpan.FromTicks((long)(random.NextDouble() * period.Ticks));
}

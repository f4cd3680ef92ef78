namespace SolarFleet.Grains.Health;

/// <summary>
/// How far a Pi's clock runs behind the site's. A TimeStamp that has just moved is the Pi's "now" of the inverter's
/// last update, give or take one update cycle, so the smallest lag of the last few moves is the clock's lag; a move
/// seen late (a long poll period, the last update before dusk) only adds to it and does not count.
/// </summary>
public static class ClockLag
{
    /// <summary>Moves remembered: a clock set forward is followed at once, one set back by less than the reset after this many.</summary>
    public const int Moves = 8;

    /// <summary>
    /// Remembers the lag of a move (site clock minus TimeStamp; negative for a clock ahead), in ticks. A move lagging
    /// the least of the remembered by <paramref name="resetAbove"/> or more (the stale wait, plus the time since the last
    /// poll that saw the TimeStamp, which is how late a move can be seen) is a clock set back or put right: judged by the
    /// old lag, values that have just moved would look stale, so the old lags are forgotten.
    /// </summary>
    public static void Observe(List<long> lags, TimeSpan lag, TimeSpan resetAbove)
    {
        ArgumentNullException.ThrowIfNull(lags);
        if (lags.Count > 0 && lag.Ticks - lags.Min() >= resetAbove.Ticks)
        {
            lags.Clear();
        }

        lags.Add(lag.Ticks);
        if (lags.Count > Moves)
        {
            lags.RemoveAt(0);
        }
    }

    /// <summary>The clock's lag, or null before any move was seen.</summary>
    public static TimeSpan? Of(IReadOnlyList<long> lags)
    {
        ArgumentNullException.ThrowIfNull(lags);
        return lags.Count == 0 ? null : TimeSpan.FromTicks(lags.Min());
    }
}

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>Waiting for instants on the stopwatch's timeline, shared by the loops that keep a fixed schedule.</summary>
public static class Schedule
{
    /// <summary>Returns at once when <paramref name="timestamp"/> has passed: a late loop catches up instead of sliding.</summary>
    public static async Task DelayUntilAsync(long timestamp, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var wait = time.GetElapsedTime(time.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public static long ToTicks(TimeSpan span, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (long)(span.TotalSeconds * time.TimestampFrequency);
    }
}

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// The reads sent while the fleet polled. Latency is counted from each request's scheduled start, not from when it
/// was sent, so a stall of the silo (or of this process) shows in the figures instead of delaying the requests.
/// </summary>
public sealed record ReadsReport(
    int RequestedPerSecond,
    double WindowSeconds,
    double TimeoutSeconds,
    ReadFigures Overall,
    IReadOnlyList<ReadFigures> Kinds,
    string? FirstError)
{
    /// <summary>The same load while the fleet settled, before the window (see the fleet run's settle step); not in the figures above.</summary>
    public ReadFigures? WarmUp { get; init; }
}

/// <summary>
/// One kind of read (or all): requests, errors (an answer other than 2xx, or no answer), timeouts, latency from the
/// scheduled start to the last byte of the body (every request, errors included), the rate of good answers and
/// their mean size.
/// </summary>
public sealed record ReadFigures(
    string Kind,
    long Count,
    long Errors,
    long Timeouts,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double AchievedPerSecond,
    double MeanBytes);

namespace SolarFleet.Webhooks.Http;

/// <summary>What one attempt came to.</summary>
internal enum AttemptStatus
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Another answer, or no answer (refused, timed out, lost).</summary>
    Failed,

    /// <summary>The target policy allows none of the host's addresses: nothing was connected to.</summary>
    Refused,
}

/// <param name="Error">In SolarFleet's words ("HTTP 503", "timed out after 00:00:15"), never what the receiver sent; null when delivered.</param>
internal readonly record struct AttemptOutcome(AttemptStatus Status, string? Error)
{
    public static AttemptOutcome Delivered { get; } = new(AttemptStatus.Delivered, null);

    public static AttemptOutcome Failed(string error) => new(AttemptStatus.Failed, error);

    public static AttemptOutcome Refused(string error) => new(AttemptStatus.Refused, error);
}

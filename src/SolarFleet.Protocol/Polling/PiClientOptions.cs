namespace SolarFleet.Protocol.Polling;

/// <summary>Limits of one poll. Defaults follow the protocol page.</summary>
public sealed record PiClientOptions
{
    /// <summary>How long the TCP connect may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Bound on the whole poll, connect included.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A pause this long after data with no terminator ends the pending answer.</summary>
    public TimeSpan IdleAnswerGap { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A longer line is a protocol error (real answers are under 64 bytes).</summary>
    public int MaxLineBytes { get; init; } = 256;

    /// <summary>More bytes than this in one poll is a protocol error.</summary>
    public int MaxPollBytes { get; init; } = 8 * 1024;
}

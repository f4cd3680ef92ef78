namespace SolarFleet.Protocol.Framing;

/// <summary>Where a <see cref="PiAnswerDecoder"/> stands after the bytes it has been given.</summary>
public enum PiDecodeStatus
{
    /// <summary>Some queries are still unanswered (or the last answer may still grow).</summary>
    NeedMore,

    /// <summary>Every query is answered; the reading is ready.</summary>
    Complete,

    /// <summary>The answers are unusable; <see cref="PiAnswerDecoder.Failure"/> says why.</summary>
    Failed,
}

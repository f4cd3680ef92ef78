using SolarFleet.Protocol.Readings;

namespace SolarFleet.Protocol.Polling;

/// <summary>The outcome of one poll: a reading or a failure, never both, plus how long it took.</summary>
public readonly record struct PiPollResult
{
    private PiPollResult(PiReading? reading, PiPollFailure? failure, TimeSpan elapsed)
    {
        Reading = reading;
        Failure = failure;
        Elapsed = elapsed;
    }

    public PiReading? Reading { get; }

    public PiPollFailure? Failure { get; }

    public TimeSpan Elapsed { get; }

    public bool Succeeded => Reading is not null;

    public static PiPollResult Success(PiReading reading, TimeSpan elapsed) => new(reading, null, elapsed);

    public static PiPollResult Failed(PiPollFailure failure, TimeSpan elapsed) => new(null, failure, elapsed);
}

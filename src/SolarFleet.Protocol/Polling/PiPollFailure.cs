namespace SolarFleet.Protocol.Polling;

/// <summary>A failed poll: its cause, a one-line human message, and how far it got.</summary>
public sealed record PiPollFailure(PiFailureKind Kind, string Message, int AnswersReceived, int AnswersExpected)
{
    public override string ToString() => Message;
}

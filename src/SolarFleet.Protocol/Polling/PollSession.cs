using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Polling;

/// <summary>What one poll needs besides its socket; pooled by <see cref="PiClient"/> so polls reuse it.</summary>
internal sealed class PollSession : IDisposable
{
    /// <summary>Real polls are under 600 bytes; a larger answer just takes another read.</summary>
    private const int ReceiveBufferBytes = 1024;

    public PollSession(PiClientOptions options, TimeProvider time)
    {
        Decoder = new PiAnswerDecoder(PiQuerySet.All, options);
        Deadlines = new PollDeadlines(time);
    }

    public byte[] Buffer { get; } = new byte[ReceiveBufferBytes];

    public PiAnswerDecoder Decoder { get; }

    public PollDeadlines Deadlines { get; }

    public void Dispose() => Deadlines.Dispose();
}

using System.Collections.Concurrent;

namespace SolarFleet.Protocol.Polling;

/// <summary>A bounded pool of <see cref="PollSession"/>s: as many as polls ever ran at once, up to a cap.</summary>
internal sealed class PollSessionPool(PiClientOptions options, TimeProvider time) : IDisposable
{
    /// <summary>Enough for thousands of polls a second at LAN/VPN latencies; beyond it sessions are dropped.</summary>
    private const int MaxPooled = 1024;

    private readonly ConcurrentQueue<PollSession> _idle = new();
    private int _count;

    public PollSession Rent()
    {
        if (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _count);
            return session;
        }

        return new PollSession(options, time);
    }

    public void Return(PollSession session)
    {
        if (Interlocked.Increment(ref _count) <= MaxPooled)
        {
            _idle.Enqueue(session);
            return;
        }

        Interlocked.Decrement(ref _count);
        session.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var session))
        {
            session.Dispose();
        }
    }
}

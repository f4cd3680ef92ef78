using System.Collections.Concurrent;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// A Pi client that opens no socket: it records the endpoints the grains ask it to poll and answers each poll with a
/// refused connection. Tests of hostile targets use it, so that no test ever connects anywhere but loopback.
/// </summary>
public sealed class RecordingPiClient : IPiClient
{
    private readonly ConcurrentQueue<PiEndpoint> _polled = new();

    public IReadOnlyCollection<PiEndpoint> Polled => _polled;

    public ValueTask<PiPollResult> PollAsync(PiEndpoint endpoint, PiQuerySet queries, CancellationToken cancellationToken)
    {
        _polled.Enqueue(endpoint);
        var failure = new PiPollFailure(PiFailureKind.ConnectionRefused, $"connection refused by {endpoint} (recorded, not polled)", 0, 8);
        return ValueTask.FromResult(PiPollResult.Failed(failure, TimeSpan.Zero));
    }
}

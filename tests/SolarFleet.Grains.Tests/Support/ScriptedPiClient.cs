using System.Collections.Concurrent;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>
/// A Pi client whose answers the test scripts per port, recording every poll with the grain clock's time and the
/// most polls ever in flight at once for one port.
/// </summary>
public sealed class ScriptedPiClient(TimeProvider time) : IPiClient
{
    private readonly ConcurrentDictionary<int, Func<DateTimeOffset, ValueTask<PiPollResult>>> _scripts = new();
    private readonly ConcurrentDictionary<int, Port> _ports = new();

    public void Answer(int port, Func<DateTimeOffset, PiReading> reading) =>
        _scripts[port] = now => ValueTask.FromResult(PiPollResult.Success(reading(now), TimeSpan.FromMilliseconds(12)));

    public void Fail(int port, PiFailureKind kind, string message) =>
        _scripts[port] = _ => ValueTask.FromResult(PiPollResult.Failed(new PiPollFailure(kind, message, 0, 8), TimeSpan.FromMilliseconds(3)));

    /// <summary>Polls of this port wait until the returned source is completed (a Pi that does not answer yet).</summary>
    public TaskCompletionSource<PiPollResult> Hang(int port)
    {
        var answer = new TaskCompletionSource<PiPollResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _scripts[port] = _ => new ValueTask<PiPollResult>(answer.Task);
        return answer;
    }

    public IReadOnlyList<DateTimeOffset> PollTimes(int port) => _ports.TryGetValue(port, out var state) ? state.Times() : [];

    public int PollCount(int port) => PollTimes(port).Count;

    public int MaxInFlight(int port) => _ports.TryGetValue(port, out var state) ? state.MaxInFlight : 0;

    public async ValueTask<PiPollResult> PollAsync(PiEndpoint endpoint, PiQuerySet queries, CancellationToken cancellationToken)
    {
        var port = _ports.GetOrAdd(endpoint.Port, _ => new Port());
        var now = time.GetUtcNow();
        port.Enter(now);
        try
        {
            if (!_scripts.TryGetValue(endpoint.Port, out var script))
            {
                return PiPollResult.Failed(new PiPollFailure(PiFailureKind.ConnectionRefused, $"Nothing listens on {endpoint}.", 0, 8), TimeSpan.Zero);
            }

            return await script(now).AsTask().WaitAsync(cancellationToken);
        }
        finally
        {
            port.Leave();
        }
    }

    private sealed class Port
    {
        private readonly List<DateTimeOffset> _times = [];
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public void Enter(DateTimeOffset at)
        {
            lock (_times)
            {
                _times.Add(at);
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            }
        }

        public void Leave()
        {
            lock (_times)
            {
                _inFlight--;
            }
        }

        public List<DateTimeOffset> Times()
        {
            lock (_times)
            {
                return [.. _times];
            }
        }
    }
}

using System.Diagnostics;
using SolarFleet.Benchmarks.Metrics;
using SolarFleet.Grains.Hosting;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// The floor: the protocol client alone (no Orleans, no storage) polling the same Pis at the same rate, each Pi on
/// its own async loop with a random phase. Its CPU per poll is what any poller of this protocol must spend here. Like
/// the silo it holds at most <see cref="SolarFleetGrainOptions.MaxPollsInFlight"/> polls at
/// once: unbounded, Pis that answered slowly made it open sockets until it had none left, and die.
/// </summary>
public static class FloorRun
{
    public static async Task<FloorReport> RunAsync(IReadOnlyList<PiEndpoint> pis, TimeSpan period, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pis);
        var time = TimeProvider.System;
        using var client = new PiClient(new PiClientOptions(), time);
        using var slots = new SemaphoreSlim(new SolarFleetGrainOptions().MaxPollsInFlight);
        var start = time.GetTimestamp();
        // One period of warm-up: by its end every loop has started and polled once.
        var windowStart = start + ToTicks(period);
        var windowEnd = windowStart + ToTicks(window);
        var recorder = new Recorder(pis.Count * (int)Math.Ceiling((window / period) + 2));
        var loops = new Task[pis.Count];
        for (var i = 0; i < pis.Count; i++)
        {
            var phase = period * Random.Shared.NextDouble();
            loops[i] = PollLoopAsync(client, slots, pis[i], start + ToTicks(phase), ToTicks(period), windowStart, windowEnd, recorder, time, cancellationToken);
        }

        await Schedule.DelayUntilAsync(windowStart, time, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Schedule.DelayUntilAsync(windowEnd, time, cancellationToken);
        var cpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(loops);

        var latencies = recorder.Latencies();
        Array.Sort(latencies);
        var expected = pis.Count * (window / period);
        return new FloorReport(
            WindowSeconds: window.TotalSeconds,
            PollsExpected: (long)Math.Round(expected),
            PollsOk: recorder.Ok,
            PollsFailed: recorder.Failed,
            CpuSeconds: (cpuAfter - cpuBefore).TotalSeconds,
            CpuMillisecondsPerPoll: recorder.Ok + recorder.Failed == 0 ? double.NaN : (cpuAfter - cpuBefore).TotalMilliseconds / (recorder.Ok + recorder.Failed),
            LatencyP50Ms: Quantiles.Of(latencies, 0.50),
            LatencyP99Ms: Quantiles.Of(latencies, 0.99),
            LatencyMaxMs: latencies.Length == 0 ? double.NaN : latencies[^1],
            FirstFailure: recorder.FirstFailure);
    }

    private static async Task PollLoopAsync(
        PiClient client, SemaphoreSlim slots, PiEndpoint pi, long next, long period, long windowStart, long windowEnd, Recorder recorder, TimeProvider time, CancellationToken cancellationToken)
    {
        while (next < windowEnd)
        {
            await Schedule.DelayUntilAsync(next, time, cancellationToken);
            await slots.WaitAsync(cancellationToken);
            PiPollResult result;
            try
            {
                result = await client.PollAsync(pi, PiQuerySet.All, cancellationToken);
            }
            finally
            {
                slots.Release();
            }

            if (next >= windowStart)
            {
                recorder.Record(result);
            }

            next += period;
        }
    }

    private static long ToTicks(TimeSpan span) => Schedule.ToTicks(span, TimeProvider.System);

    /// <summary>Counts and latencies of the polls in the window; safe for concurrent loops.</summary>
    private sealed class Recorder(int capacity)
    {
        private readonly double[] _latencies = new double[capacity];
        private int _recorded;
        private long _ok;
        private long _failed;
        private string? _firstFailure;

        public long Ok => Interlocked.Read(ref _ok);

        public long Failed => Interlocked.Read(ref _failed);

        public string? FirstFailure => Volatile.Read(ref _firstFailure);

        public void Record(PiPollResult result)
        {
            if (result.Succeeded)
            {
                Interlocked.Increment(ref _ok);
            }
            else
            {
                Interlocked.Increment(ref _failed);
                Interlocked.CompareExchange(ref _firstFailure, result.Failure?.ToString(), null);
            }

            var slot = Interlocked.Increment(ref _recorded) - 1;
            if (slot < _latencies.Length)
            {
                _latencies[slot] = result.Elapsed.TotalMilliseconds;
            }
        }

        public double[] Latencies() => _latencies.AsSpan(0, Math.Min(_recorded, _latencies.Length)).ToArray();
    }
}

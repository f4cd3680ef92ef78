using System.Collections.Concurrent;
using SolarFleet.Benchmarks.Metrics;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// An open-loop read load: request n is due at start + n / rate and is sent then whatever the earlier ones are doing,
/// and its latency is counted from that due time. A closed loop (send the next when one answers) would send fewer
/// requests while the silo stalled and report only the lucky ones: coordinated omission.
/// </summary>
public sealed class ReadLoad(HttpClient http, ReadMix mix, int perSecond, TimeProvider time)
{
    /// <summary>A read not answered in this long is a timeout; its latency counts as this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private string? _firstError;

    /// <summary>Sends for <paramref name="window"/>, then waits for the last answers (at most <see cref="Timeout"/>).</summary>
    public async Task<ReadsReport> RunAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var end = start + Schedule.ToTicks(window, time);
        var sent = new List<Task>();
        for (long n = 0; ; n++)
        {
            var due = start + (long)(n * (double)time.TimestampFrequency / perSecond);
            if (due >= end)
            {
                break;
            }

            await Schedule.DelayUntilAsync(due, time, cancellationToken);
            sent.Add(SendAsync(mix.Next(), due, cancellationToken));
        }

        await Task.WhenAll(sent);
        return Report(window);
    }

    private async Task SendAsync(ReadRequest request, long due, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // From the due time: a request sent late has that much less left.
        timeout.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (Timeout - time.GetElapsedTime(due)).Ticks)));
        var (ok, timedOut, bytes) = (false, false, 0L);
        try
        {
            using var response = await http.GetAsync(new Uri(request.PathAndQuery, UriKind.Relative), timeout.Token);
            // The whole body: a page is read when its last byte is.
            bytes = (await response.Content.ReadAsByteArrayAsync(timeout.Token)).Length;
            ok = response.IsSuccessStatusCode;
            if (!ok)
            {
                Interlocked.CompareExchange(ref _firstError, $"{request.PathAndQuery} answered {(int)response.StatusCode}", null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            Interlocked.CompareExchange(ref _firstError, $"{request.PathAndQuery} timed out after {Timeout.TotalSeconds:0} s", null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Interlocked.CompareExchange(ref _firstError, $"{request.PathAndQuery} failed: {e.Message}", null);
        }

        _outcomes.Enqueue(new Outcome(request.Kind, time.GetElapsedTime(due).TotalMilliseconds, ok, timedOut, bytes));
    }

    private ReadsReport Report(TimeSpan window)
    {
        var outcomes = _outcomes.ToArray();
        var kinds = ReadMix.Kinds.Select(k => Figures(k.Kind, outcomes.Where(o => o.Kind == k.Kind).ToArray(), window)).ToList();
        return new ReadsReport(perSecond, window.TotalSeconds, Timeout.TotalSeconds, Figures("all", outcomes, window), kinds, _firstError);
    }

    private static ReadFigures Figures(string kind, Outcome[] outcomes, TimeSpan window)
    {
        var latencies = outcomes.Select(o => o.LatencyMs).Order().ToArray();
        var good = outcomes.Where(o => o.Ok).ToArray();
        return new ReadFigures(
            kind,
            outcomes.Length,
            outcomes.LongCount(o => !o.Ok),
            outcomes.LongCount(o => o.TimedOut),
            Quantiles.Of(latencies, 0.50),
            Quantiles.Of(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            good.Length / window.TotalSeconds,
            good.Length == 0 ? 0 : good.Average(o => (double)o.Bytes));
    }

    private sealed record Outcome(string Kind, double LatencyMs, bool Ok, bool TimedOut, long Bytes);
}

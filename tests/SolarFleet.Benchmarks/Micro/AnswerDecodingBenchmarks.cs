using System.Text;
using BenchmarkDotNet.Attributes;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Benchmarks.Micro;

/// <summary>Decoding one Pi's answer to every query, as it arrives in one read or split over several.</summary>
// In process: a generated benchmark project would sit below tests/ and inherit the test projects' build settings.
[InProcess]
[MemoryDiagnoser]
public class AnswerDecodingBenchmarks
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes(
        "success: PowerNow 2984\nsuccess: PowerToday 15234\nsuccess: PowerTotal 21456.7\nsuccess: Status 7\n"
        + "success: GridV 241.3\nsuccess: GridHZ 59.98\nsuccess: UpTime 23011\nsuccess: TimeStamp 2026-07-07 14:05:23\n");

    private readonly PiAnswerDecoder _decoder = new(PiQuerySet.All);

    [Benchmark(Baseline = true)]
    public PiReading OneRead()
    {
        _decoder.Reset(PiQuerySet.All);
        _decoder.Feed(Answer);
        return _decoder.GetReading();
    }

    /// <summary>Seven-byte reads: answers split mid-marker, mid-name and mid-value.</summary>
    [Benchmark]
    public PiReading SplitReads()
    {
        _decoder.Reset(PiQuerySet.All);
        var bytes = Answer.AsSpan();
        while (!bytes.IsEmpty)
        {
            var chunk = Math.Min(7, bytes.Length);
            _decoder.Feed(bytes[..chunk]);
            bytes = bytes[chunk..];
        }

        return _decoder.GetReading();
    }
}

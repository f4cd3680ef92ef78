using System.Diagnostics.Metrics;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Telemetry;

/// <summary>
/// SolarFleet's own instruments. Tags come from a fixed set (poll results), never per inverter, so a fleet of
/// 100,000 inverters still makes a handful of series.
/// </summary>
public sealed class SolarFleetMetrics
{
    public const string MeterName = "SolarFleet";
    public const string PollsName = "solarfleet.polls";
    public const string PollDurationName = "solarfleet.poll.duration";
    public const string PollLatenessName = "solarfleet.poll.lateness";
    public const string DataAgeName = "solarfleet.data.age";
    public const string ResultTag = "result";

    private static readonly KeyValuePair<string, object?>[] ResultTags = CreateResultTags();

    // The exporters' default buckets (0, 5, 10, 25 ... seconds) put every healthy poll in the first one, so
    // latency percentiles could not be read from them. A loopback poll takes about a millisecond; a poll
    // timeout is 10 s.
    private static readonly InstrumentAdvice<double> PollDurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    // On time is within milliseconds of the due time; a poll kept waiting for a slot is late by seconds, up to a period or more.
    private static readonly InstrumentAdvice<double> PollLatenessAdvice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    };

    // The inverter updates about every 23 s, so fresh data is 0-25 s old; the rest tells how stale it got.
    private static readonly InstrumentAdvice<double> DataAgeAdvice = new()
    {
        HistogramBucketBoundaries = [1, 5, 10, 15, 20, 25, 30, 45, 60, 120, 300, 900, 3600],
    };

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Histogram<double> _pollLateness;
    private readonly Histogram<double> _dataAge;

    public SolarFleetMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _polls = Meter.CreateCounter<long>(PollsName, unit: "{poll}", description: "Polls of Pis by result.");
        _pollDuration = Meter.CreateHistogram(PollDurationName, unit: "s", description: "Duration of one poll, connect to close, by result.", tags: null, advice: PollDurationAdvice);
        _pollLateness = Meter.CreateHistogram(
            PollLatenessName, unit: "s", description: "How long after it fell due a poll began to connect (waiting for the schedule, the grain and a poll slot), by result.", tags: null, advice: PollLatenessAdvice);
        _dataAge = Meter.CreateHistogram(DataAgeName, unit: "s", description: "Age of a good poll's TimeStamp relative to the site-local now.", tags: null, advice: DataAgeAdvice);
    }

    /// <summary>The meter, for hosts that add their own fleet and site gauges to it.</summary>
    public Meter Meter { get; }

    /// <summary>The fixed tag value of a poll's result: "ok" or the failure's cause.</summary>
    public static string ResultOf(PiFailureKind? failure) => failure is { } kind ? PiFailureNames.Of(kind) : "ok";

    public void RecordPoll(PiFailureKind? failure, TimeSpan elapsed)
    {
        var result = ResultTags[TagIndex(failure)];
        _polls.Add(1, result);
        // By result: a hung Pi's 10 s timeouts must not hide how fast the Pis that answer are polled.
        _pollDuration.Record(elapsed.TotalSeconds, result);
    }

    public void RecordPollLateness(PiFailureKind? failure, TimeSpan lateness) =>
        _pollLateness.Record(Math.Max(0, lateness.TotalSeconds), ResultTags[TagIndex(failure)]);

    public void RecordDataAge(TimeSpan age) => _dataAge.Record(Math.Max(0, age.TotalSeconds));

    // Index 0 is "ok"; failure kinds follow in enum order, so recording allocates nothing.
    private static int TagIndex(PiFailureKind? failure) => failure is { } kind ? (int)kind + 1 : 0;

    private static KeyValuePair<string, object?>[] CreateResultTags()
    {
        var kinds = Enum.GetValues<PiFailureKind>();
        var tags = new KeyValuePair<string, object?>[kinds.Length + 1];
        tags[0] = new(ResultTag, ResultOf(null));
        foreach (var kind in kinds)
        {
            tags[TagIndex(kind)] = new(ResultTag, ResultOf(kind));
        }

        return tags;
    }
}

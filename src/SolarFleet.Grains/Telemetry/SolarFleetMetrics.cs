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
    public const string DataAgeName = "solarfleet.data.age";
    public const string ResultTag = "result";

    private static readonly KeyValuePair<string, object?>[] ResultTags = CreateResultTags();

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Histogram<double> _dataAge;

    public SolarFleetMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _polls = Meter.CreateCounter<long>(PollsName, unit: "{poll}", description: "Polls of Pis by result.");
        _pollDuration = Meter.CreateHistogram<double>(PollDurationName, unit: "s", description: "Duration of one poll, connect to close.");
        _dataAge = Meter.CreateHistogram<double>(DataAgeName, unit: "s", description: "Age of a good poll's TimeStamp relative to the site-local now.");
    }

    /// <summary>The meter, for hosts that add their own fleet and site gauges to it.</summary>
    public Meter Meter { get; }

    /// <summary>The fixed tag value of a poll's result: "ok" or the failure's cause.</summary>
    public static string ResultOf(PiFailureKind? failure) => failure switch
    {
        null => "ok",
        PiFailureKind.ConnectionRefused => "refused",
        PiFailureKind.ConnectTimeout or PiFailureKind.PollTimeout => "timeout",
        PiFailureKind.ConnectionLost => "connection_lost",
        PiFailureKind.ProtocolError => "protocol_error",
        PiFailureKind.HostNotFound => "host_not_found",
        _ => "network_error",
    };

    public void RecordPoll(PiFailureKind? failure, TimeSpan elapsed)
    {
        _polls.Add(1, ResultTags[TagIndex(failure)]);
        _pollDuration.Record(elapsed.TotalSeconds);
    }

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

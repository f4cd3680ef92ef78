using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Tests.Units;

public sealed class SolarFleetMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string? Result)> _measurements = [];
    private readonly SolarFleetMetrics _metrics;

    public SolarFleetMetricsTests()
    {
        _metrics = new SolarFleetMetrics(_services.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    [Theory]
    [InlineData(null, "ok")]
    [InlineData(PiFailureKind.ConnectionRefused, "refused")]
    [InlineData(PiFailureKind.ConnectTimeout, "timeout")]
    [InlineData(PiFailureKind.PollTimeout, "timeout")]
    [InlineData(PiFailureKind.ConnectionLost, "connection_lost")]
    [InlineData(PiFailureKind.ProtocolError, "protocol_error")]
    [InlineData(PiFailureKind.HostNotFound, "host_not_found")]
    [InlineData(PiFailureKind.NetworkError, "network_error")]
    [InlineData(PiFailureKind.NotAllowed, "not_allowed")]
    public void A_poll_counts_under_its_result_and_records_its_duration(PiFailureKind? failure, string result)
    {
        _metrics.RecordPoll(failure, TimeSpan.FromMilliseconds(250));

        Assert.Contains((SolarFleetMetrics.PollsName, 1.0, result), _measurements);
        Assert.Contains((SolarFleetMetrics.PollDurationName, 0.25, (string?)result), _measurements);
    }

    [Fact]
    public void Lateness_is_recorded_under_the_poll_result_in_seconds_and_never_negative()
    {
        _metrics.RecordPollLateness(null, TimeSpan.FromMilliseconds(40));
        _metrics.RecordPollLateness(PiFailureKind.PollTimeout, TimeSpan.FromSeconds(54));
        _metrics.RecordPollLateness(null, TimeSpan.FromMilliseconds(-2));

        Assert.Equal(
            [(SolarFleetMetrics.PollLatenessName, 0.04, "ok"), (SolarFleetMetrics.PollLatenessName, 54.0, "timeout"), (SolarFleetMetrics.PollLatenessName, 0.0, "ok")],
            _measurements.Where(m => m.Instrument == SolarFleetMetrics.PollLatenessName));
    }

    [Fact]
    public void Data_age_is_recorded_in_seconds_and_never_negative()
    {
        _metrics.RecordDataAge(TimeSpan.FromSeconds(21.5));
        _metrics.RecordDataAge(TimeSpan.FromSeconds(-3));

        Assert.Equal([21.5, 0.0], _measurements.Where(m => m.Instrument == SolarFleetMetrics.DataAgeName).Select(m => m.Value));
        Assert.Equal("SolarFleet", _metrics.Meter.Name);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? result = null;
        foreach (var tag in tags)
        {
            if (tag.Key == SolarFleetMetrics.ResultTag)
            {
                result = (string?)tag.Value;
            }
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, result));
        }
    }
}

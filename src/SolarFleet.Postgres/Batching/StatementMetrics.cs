using System.Diagnostics.Metrics;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Postgres.Batching;

/// <summary>
/// The batched providers' instruments on the "SolarFleet" meter: how many calls each statement carried and how long it
/// took, per kind of call. Batches of one mean a quiet database; large batches show a burst being absorbed.
/// </summary>
public sealed class StatementMetrics : IDisposable
{
    public const string BatchSizeInstrument = "solarfleet.storage.batch.size";
    public const string BatchDurationInstrument = "solarfleet.storage.batch.duration";

    private static readonly InstrumentAdvice<int> SizeAdvice = new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] };

    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<int> _size;
    private readonly Histogram<double> _duration;

    public StatementMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(SolarFleetMetrics.MeterName) ?? new Meter(SolarFleetMetrics.MeterName);
        _size = _meter.CreateHistogram(BatchSizeInstrument, unit: "{call}", description: "Calls carried by one statement of the grain state and reminder providers.", tags: null, advice: SizeAdvice);
        _duration = _meter.CreateHistogram(BatchDurationInstrument, unit: "s", description: "Time of one statement of the grain state and reminder providers.", tags: null, advice: DurationAdvice);
    }

    /// <summary>Records one statement; <paramref name="kind"/> names the call (state_read, reminder_upsert, ...).</summary>
    public void Ran(string kind, int calls, TimeSpan elapsed, bool succeeded)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error");
        _size.Record(calls, kindTag, outcomeTag);
        _duration.Record(elapsed.TotalSeconds, kindTag, outcomeTag);
    }

    /// <summary>What a batcher of <paramref name="kind"/> calls reports each statement to.</summary>
    internal Action<int, TimeSpan, bool> Observer(string kind) =>
        (calls, elapsed, succeeded) => Ran(kind, calls, elapsed, succeeded);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

using System.Diagnostics.Metrics;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Postgres.History;

/// <summary>The history store's instruments on the "SolarFleet" meter.</summary>
internal sealed class HistoryMetrics : IDisposable
{
    public const string BacklogInstrument = "solarfleet.history.backlog";
    public const string DroppedInstrument = "solarfleet.history.dropped";
    public const string FlushDurationInstrument = "solarfleet.history.flush.duration";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> dropped;
    private readonly Histogram<double> flushDuration;

    public HistoryMetrics(IMeterFactory? meterFactory, Func<(long Ledger, long Readings)> backlog)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(SolarFleetMetrics.MeterName) ?? new Meter(SolarFleetMetrics.MeterName);
        dropped = meter.CreateCounter<long>(DroppedInstrument, "{reading}", "Readings dropped because the buffer was full during a database outage.");
        flushDuration = meter.CreateHistogram<double>(FlushDurationInstrument, "s", "Time to write one batch to PostgreSQL.");
        meter.CreateObservableGauge(
            BacklogInstrument,
            () =>
            {
                var (ledger, readings) = backlog();
                return new[]
                {
                    new Measurement<long>(ledger, new KeyValuePair<string, object?>("kind", "ledger")),
                    new Measurement<long>(readings, new KeyValuePair<string, object?>("kind", "readings")),
                };
            },
            "{row}",
            "Rows buffered in memory and not yet written to PostgreSQL.");
    }

    public void Dropped(long count)
    {
        if (count > 0)
        {
            dropped.Add(count, new KeyValuePair<string, object?>("kind", "readings"));
        }
    }

    public void Flushed(string kind, TimeSpan elapsed, bool succeeded) => flushDuration.Record(
        elapsed.TotalSeconds,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}

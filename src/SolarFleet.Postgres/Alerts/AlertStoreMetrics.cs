using System.Diagnostics.Metrics;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Postgres.Alerts;

/// <summary>The alert store's instruments on the "SolarFleet" meter.</summary>
internal sealed class AlertStoreMetrics : IDisposable
{
    public const string BacklogInstrument = "solarfleet.alerts.backlog";
    public const string DroppedInstrument = "solarfleet.alerts.dropped";
    public const string FlushDurationInstrument = "solarfleet.alerts.flush.duration";

    private static readonly KeyValuePair<string, object?> Ok = new("outcome", "ok");
    private static readonly KeyValuePair<string, object?> Error = new("outcome", "error");

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> dropped;
    private readonly Histogram<double> flushDuration;

    public AlertStoreMetrics(IMeterFactory? meterFactory, Func<long> backlog)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(SolarFleetMetrics.MeterName) ?? new Meter(SolarFleetMetrics.MeterName);
        dropped = meter.CreateCounter<long>(DroppedInstrument, "{transition}", "Alert transitions dropped because the buffer was full during a database outage.");
        flushDuration = meter.CreateHistogram<double>(FlushDurationInstrument, "s", "Time to write one batch of alert transitions to PostgreSQL.");
        meter.CreateObservableGauge(BacklogInstrument, backlog, "{transition}", "Alert transitions buffered in memory and not yet written to PostgreSQL.");
    }

    public void Dropped(long count)
    {
        if (count > 0)
        {
            dropped.Add(count);
        }
    }

    public void Flushed(TimeSpan elapsed, bool succeeded) => flushDuration.Record(elapsed.TotalSeconds, succeeded ? Ok : Error);

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}

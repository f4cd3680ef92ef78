using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>
/// A private meter factory and a listener on the SolarFleet history instruments it creates, so that tests
/// running side by side do not see each other's measurements.
/// </summary>
public sealed class MetricProbe : IDisposable
{
    private readonly ServiceProvider services;
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private long backlogSum;
    private long dropped;
    private long flushes;

    public MetricProbe()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, Factory) && instrument.Meter.Name == "SolarFleet")
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (gate)
            {
                switch (instrument.Name)
                {
                    case "solarfleet.history.backlog":
                        backlogSum += value;
                        break;
                    case "solarfleet.history.dropped":
                        dropped += value;
                        break;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "solarfleet.history.flush.duration")
            {
                Interlocked.Increment(ref flushes);
            }
        });
        listener.Start();
    }

    public IMeterFactory Factory { get; }

    public long Dropped
    {
        get
        {
            lock (gate)
            {
                return dropped;
            }
        }
    }

    public long FlushesRecorded => Interlocked.Read(ref flushes);

    /// <summary>Reads the observable backlog gauge now: rows waiting, summed over ledger and readings.</summary>
    public long Backlog()
    {
        lock (gate)
        {
            backlogSum = 0;
            listener.RecordObservableInstruments();
            return backlogSum;
        }
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }
}

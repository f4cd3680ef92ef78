using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Postgres.Batching;

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>Statement metrics on a private meter factory, and every batch size they report, by kind.</summary>
public sealed class BatchProbe : IDisposable
{
    private readonly ServiceProvider services;
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Kind, int Calls)> batches = new();

    public BatchProbe()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        Metrics = new StatementMetrics(factory);
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == StatementMetrics.BatchSizeInstrument)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    batches.Enqueue(((string)tag.Value!, value));
                }
            }
        });
        listener.Start();
    }

    public StatementMetrics Metrics { get; }

    /// <summary>The sizes of the statements of one kind, in the order they finished.</summary>
    public List<int> Batches(string kind) => [.. batches.Where(batch => batch.Kind == kind).Select(batch => batch.Calls)];

    public void Dispose()
    {
        listener.Dispose();
        Metrics.Dispose();
        services.Dispose();
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Webhooks.Telemetry;

namespace SolarFleet.Webhooks.Tests.Infrastructure;

/// <summary>A private meter factory and the attempt counts by result it sees, apart from tests running alongside.</summary>
public sealed class WebhookMetricProbe : IDisposable
{
    private readonly ServiceProvider services;
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> attempts = [];

    public WebhookMetricProbe()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Factory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, Factory) && instrument.Name == WebhookMetrics.AttemptsName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == WebhookMetrics.ResultTag)
                {
                    lock (gate)
                    {
                        attempts[(string)tag.Value!] = attempts.GetValueOrDefault((string)tag.Value!) + value;
                    }
                }
            }
        });
        listener.Start();
    }

    public IMeterFactory Factory { get; }

    public long Attempts(string result)
    {
        lock (gate)
        {
            return attempts.GetValueOrDefault(result);
        }
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }
}

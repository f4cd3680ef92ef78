using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Silo.Telemetry;

/// <summary>
/// The readiness checks' verdict as a gauge, so that Prometheus can alert on a silo that runs but is not ready (its
/// /readyz is what Kubernetes sees; a scrape cannot see it). Published by the health check publisher every
/// period; 0 until the first verdict.
/// </summary>
public sealed class ReadinessMetrics : IHealthCheckPublisher
{
    private int _ready;

    public ReadinessMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(SolarFleetMetrics.MeterName)
            .CreateObservableGauge("solarfleet.ready", () => Volatile.Read(ref _ready), unit: null, "1 when this silo's readiness checks (/readyz) pass, else 0.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Volatile.Write(ref _ready, report.Status == HealthStatus.Healthy ? 1 : 0);
        return Task.CompletedTask;
    }
}

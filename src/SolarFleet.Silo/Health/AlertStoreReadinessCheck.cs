using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Postgres.Alerts;

namespace SolarFleet.Silo.Health;

/// <summary>Degraded while alert transitions are buffered because the database cannot be reached.</summary>
public sealed class AlertStoreReadinessCheck(PostgresAlertStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = store.Health;
        return Task.FromResult(health.IsHealthy
            ? HealthCheckResult.Healthy($"Alert writes reach the database ({health.Backlog} transitions waiting).")
            : HealthCheckResult.Degraded($"Alert writes are buffered since {health.Since:u} ({health.Backlog} transitions waiting): {health.LastError}"));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Postgres.Alerts;

namespace SolarFleet.Silo.Health;

/// <summary>Degraded while alert transitions are buffered because the database cannot be reached.</summary>
public sealed class AlertStoreReadinessCheck(PostgresAlertStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        WriteReadiness.Of(store.Health, "Alert writes", "transitions");
}

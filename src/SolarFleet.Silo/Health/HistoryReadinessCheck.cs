using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Postgres.History;

namespace SolarFleet.Silo.Health;

/// <summary>Degraded while history writes are buffered because the database cannot be reached.</summary>
public sealed class HistoryReadinessCheck(PostgresHistoryStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = store.Health;
        return Task.FromResult(health.IsHealthy
            ? HealthCheckResult.Healthy($"History writes reach the database ({health.Backlog} rows waiting).")
            : HealthCheckResult.Degraded($"History writes are buffered since {health.Since:u} ({health.Backlog} rows waiting): {health.LastError}"));
    }
}

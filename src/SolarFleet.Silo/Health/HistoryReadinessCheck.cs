using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Postgres.History;

namespace SolarFleet.Silo.Health;

/// <summary>Degraded while history writes are buffered because the database cannot be reached.</summary>
public sealed class HistoryReadinessCheck(PostgresHistoryStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        WriteReadiness.Of(store.Health, "History writes", "rows");
}

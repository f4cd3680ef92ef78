using Microsoft.Extensions.Diagnostics.HealthChecks;
using SolarFleet.Postgres.History;

namespace SolarFleet.Silo.Health;

/// <summary>The readiness of a store that buffers its writes: healthy while they reach the database, degraded while buffered.</summary>
public static class WriteReadiness
{
    /// <param name="health">The store's write health.</param>
    /// <param name="what">What is written, as a sentence starts ("History writes").</param>
    /// <param name="items">What waits, plural ("rows").</param>
    public static Task<HealthCheckResult> Of(HistoryHealth health, string what, string items)
    {
        ArgumentNullException.ThrowIfNull(health);
        return Task.FromResult(health.IsHealthy
            ? HealthCheckResult.Healthy($"{what} reach the database ({health.Backlog} {items} waiting).")
            : HealthCheckResult.Degraded($"{what} are buffered since {health.Since:u} ({health.Backlog} {items} waiting): {health.LastError}"));
    }
}

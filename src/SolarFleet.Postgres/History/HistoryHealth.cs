namespace SolarFleet.Postgres.History;

public enum HistoryHealthStatus
{
    /// <summary>The last flush reached the database.</summary>
    Healthy,

    /// <summary>Flushes are failing; rows are buffered in memory and retried.</summary>
    Degraded,
}

/// <summary>What a readiness probe reports about the history store.</summary>
/// <param name="Status">Healthy or Degraded.</param>
/// <param name="Backlog">Ledger rows and readings waiting to be written.</param>
/// <param name="LastError">The latest flush error while degraded; null when healthy.</param>
/// <param name="Since">When the current status began (store start, first failure, or recovery).</param>
public sealed record HistoryHealth(HistoryHealthStatus Status, long Backlog, string? LastError, DateTimeOffset Since)
{
    public bool IsHealthy => Status == HistoryHealthStatus.Healthy;
}

namespace SolarFleet.Postgres.History;

/// <summary>
/// Whether a buffered store's writes reach the database, and since when: degraded from the first failed write until
/// one succeeds again. Shared by the history and the alert store so that their readiness reads the same.
/// </summary>
internal sealed class WriteHealth(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private HistoryHealthStatus status = HistoryHealthStatus.Healthy;
    private string? lastError;
    private DateTimeOffset since = timeProvider.GetUtcNow();

    public HistoryHealth Snapshot(long backlog)
    {
        lock (gate)
        {
            return new HistoryHealth(status, backlog, lastError, since);
        }
    }

    public void Degraded(Exception exception)
    {
        lock (gate)
        {
            if (status == HistoryHealthStatus.Healthy)
            {
                status = HistoryHealthStatus.Degraded;
                since = timeProvider.GetUtcNow();
            }

            lastError = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>Marks writes healthy; returns since when they had been degraded, or null when they were not.</summary>
    public DateTimeOffset? Healthy()
    {
        lock (gate)
        {
            if (status == HistoryHealthStatus.Healthy)
            {
                return null;
            }

            var degradedSince = since;
            (status, lastError, since) = (HistoryHealthStatus.Healthy, null, timeProvider.GetUtcNow());
            return degradedSince;
        }
    }
}

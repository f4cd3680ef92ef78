namespace SolarFleet.Postgres.History;

/// <summary>How the PostgreSQL history store batches, buffers and prunes.</summary>
public sealed class PostgresHistoryOptions
{
    /// <summary>Database to write to; set by <c>UseSolarFleetPostgres</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How often buffered ledger rows and readings are written (one transaction each per flush).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Readings held in memory while the database is unreachable; beyond it the oldest are dropped (and counted).
    /// Ledger rows are never dropped: there is one per inverter and day, so they are bounded by the fleet.
    /// </summary>
    public int MaxBufferedReadings { get; set; } = 500_000;

    /// <summary>Readings written per transaction, so that a large backlog drains in steps.</summary>
    public int ReadingsPerFlush { get; set; } = 100_000;

    /// <summary>First wait before retrying a failed flush; it doubles with each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries while the database stays unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long raw readings are kept (by poll time). Ledger rows are kept for good.</summary>
    public TimeSpan ReadingsRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention job deletes expired readings.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Readings deleted per statement by the retention job, to keep each delete short.</summary>
    public int RetentionBatchSize { get; set; } = 10_000;

    /// <summary>Throws with the name of the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresHistoryOptions.ConnectionString is required.");
        }

        RequirePositive(FlushInterval, nameof(FlushInterval));
        RequirePositive(RetryDelay, nameof(RetryDelay));
        RequirePositive(ReadingsRetention, nameof(ReadingsRetention));
        RequirePositive(RetentionInterval, nameof(RetentionInterval));
        if (MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentException($"PostgresHistoryOptions.MaxRetryDelay ({MaxRetryDelay}) is shorter than RetryDelay ({RetryDelay}).");
        }

        RequirePositive(MaxBufferedReadings, nameof(MaxBufferedReadings));
        RequirePositive(ReadingsPerFlush, nameof(ReadingsPerFlush));
        RequirePositive(RetentionBatchSize, nameof(RetentionBatchSize));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"PostgresHistoryOptions.{name} must be positive (was {value}).");
        }
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"PostgresHistoryOptions.{name} must be positive (was {value}).");
        }
    }
}

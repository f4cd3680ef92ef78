namespace SolarFleet.Postgres.Alerts;

/// <summary>How the PostgreSQL alert store batches and buffers transitions.</summary>
public sealed class PostgresAlertOptions
{
    /// <summary>Database to write to; set by <c>UseSolarFleetPostgres</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How often buffered transitions are written. Short: a webhook waits for it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Transitions held in memory while the database is unreachable; beyond it the oldest are dropped (and counted).
    /// Inverter grains record their open alerts again when they reactivate, so a dropped raise comes back then.
    /// </summary>
    public int MaxBufferedTransitions { get; set; } = 100_000;

    /// <summary>Transitions written per transaction, so that a large backlog drains in steps.</summary>
    public int TransitionsPerFlush { get; set; } = 1_000;

    /// <summary>First wait before retrying a failed flush; it doubles with each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries while the database stays unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws naming every setting that cannot work.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("ConnectionString is required");
        }

        foreach (var (name, value) in new[] { (nameof(FlushInterval), FlushInterval), (nameof(RetryDelay), RetryDelay) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be positive (was {value})");
            }
        }

        if (MaxRetryDelay < RetryDelay)
        {
            problems.Add($"MaxRetryDelay ({MaxRetryDelay}) is shorter than RetryDelay ({RetryDelay})");
        }

        if (MaxBufferedTransitions < 1 || TransitionsPerFlush < 1)
        {
            problems.Add("MaxBufferedTransitions and TransitionsPerFlush must be at least 1");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"PostgresAlertOptions: {string.Join("; ", problems)}.");
        }
    }
}

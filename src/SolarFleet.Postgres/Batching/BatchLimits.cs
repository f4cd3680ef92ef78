namespace SolarFleet.Postgres.Batching;

/// <summary>How large the batched statements get and how many run at once, per kind of call.</summary>
internal static class BatchLimits
{
    /// <summary>Most calls one statement carries: large enough that a burst costs few round trips, small enough that one statement stays short.</summary>
    public const int MaxBatch = 512;

    /// <summary>Statements in flight at once per kind of call: a lone call never waits behind a big batch for long.</summary>
    public const int Workers = 4;
}

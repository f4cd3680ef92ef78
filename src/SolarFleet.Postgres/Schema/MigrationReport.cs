namespace SolarFleet.Postgres.Schema;

/// <summary>What one migration run found and did.</summary>
/// <param name="SchemaVersion">The highest migration version recorded in the database after the run.</param>
/// <param name="Applied">Scripts this run applied, in order (empty when the schema was already current).</param>
/// <param name="AlreadyApplied">Scripts found applied before this run.</param>
public sealed record MigrationReport(int SchemaVersion, IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied)
{
    public bool ChangedSchema => Applied.Count > 0;
}

namespace SolarFleet.Postgres.Schema;

/// <summary>
/// Runs the migrator for one database at most once per process, however many start-up paths ask (the hosted
/// service and the silo lifecycle both do). A failed run is not remembered, so the next caller tries again.
/// </summary>
public sealed class SchemaMigrationGate(PostgresMigrator migrator, string connectionString) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private MigrationReport? report;

    public async Task<MigrationReport> EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (report is { } done)
        {
            return done;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return report ??= await migrator.MigrateAsync(connectionString, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

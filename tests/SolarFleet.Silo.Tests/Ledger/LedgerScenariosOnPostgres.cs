using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Ledger;

/// <summary>The ledger scenarios on PostgreSQL: grain state, reminders, membership and the ledger in a database of their own.</summary>
public sealed class LedgerScenariosOnPostgres(PostgresFixture postgres) : LedgerScenarios, IClassFixture<PostgresFixture>
{
    protected override async Task<LedgerHost> StartHostAsync()
    {
        var database = await postgres.Server.CreateDatabaseAsync("ledger", TestContext.Current.CancellationToken);
        var pooled = new Npgsql.NpgsqlConnectionStringBuilder(database) { Pooling = true }.ConnectionString;
        return await LedgerHost.StartAsync(Start, pooled);
    }
}

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>One PostgreSQL server shared by the test classes of <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL test server has not started.");

    public async ValueTask InitializeAsync() => server = await PostgresServer.StartNewAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}

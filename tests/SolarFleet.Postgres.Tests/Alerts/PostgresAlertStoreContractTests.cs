using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SolarFleet.Grains.Alerts;
using SolarFleet.Postgres.Alerts;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>The PostgreSQL store under the alert store contract, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreContractTests(PostgresFixture fixture) : AlertStoreContract, IAsyncLifetime
{
    private readonly List<PostgresAlertStore> stores = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override async Task<IAlertStore> CreateStoreAsync(string[] webhooks)
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("alerts", Token);
        var store = Create(db, webhooks, Time);
        stores.Add(store);
        return store;
    }

    protected override async Task SettleAsync(IAlertStore store) => Assert.True(await ((PostgresAlertStore)store).FlushAsync(Token));

    internal static PostgresAlertStore Create(string connectionString, string[] webhooks, TimeProvider time, Action<PostgresAlertOptions>? configure = null)
    {
        var options = new PostgresAlertOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        return new PostgresAlertStore(
            Options.Create(options),
            Options.Create(new AlertStoreOptions { Webhooks = webhooks }),
            time,
            NullLogger<PostgresAlertStore>.Instance);
    }
}

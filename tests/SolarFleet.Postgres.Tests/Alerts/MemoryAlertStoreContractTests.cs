using Microsoft.Extensions.Options;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>The embedded store under the alert store contract.</summary>
public sealed class MemoryAlertStoreContractTests : AlertStoreContract
{
    protected override Task<IAlertStore> CreateStoreAsync(string[] webhooks) =>
        Task.FromResult<IAlertStore>(new MemoryAlertStore(Time, Options.Create(new AlertStoreOptions { Webhooks = webhooks })));

    protected override Task SettleAsync(IAlertStore store) => Task.CompletedTask;
}

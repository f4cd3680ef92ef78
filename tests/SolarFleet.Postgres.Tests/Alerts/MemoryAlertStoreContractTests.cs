using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using static SolarFleet.Postgres.Tests.Alerts.AlertSamples;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>The embedded store under the alert store contract, and its bound on resolved alerts.</summary>
public sealed class MemoryAlertStoreContractTests : AlertStoreContract
{
    [Fact]
    public async Task Only_the_last_resolved_alerts_up_to_the_bound_are_kept_and_open_ones_always_are()
    {
        var store = new MemoryAlertStore(Time, Options.Create(new AlertStoreOptions { MaxResolvedInMemory = 1 }));
        for (var i = 1; i <= 3; i++)
        {
            store.Record(Raised(Alert($"a-{i}", Noon.AddMinutes(i))));
        }

        store.Record(Resolved(Alert("a-1", Noon.AddMinutes(1)), Noon.AddHours(1)));
        store.Record(Resolved(Alert("a-2", Noon.AddMinutes(2)), Noon.AddHours(2)));

        var all = await store.QueryAsync(new AlertQuery(AlertStateFilter.All), Token);
        Assert.Equal(["a-3", "a-2"], all.Alerts.Select(a => a.Id));
        Assert.Equal(2, store.Count);
    }

    protected override Task<IAlertStore> CreateStoreAsync(string[] webhooks) =>
        Task.FromResult<IAlertStore>(new MemoryAlertStore(Time, Options.Create(new AlertStoreOptions { Webhooks = webhooks })));

    protected override Task SettleAsync(IAlertStore store) => Task.CompletedTask;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class StorageFailureTests : IAsyncLifetime
{
    private const string Site = "home";
    private const int Port = 50_201;
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(InverterSettings.DefaultPollSeconds);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly ScriptedPiClient _pis;
    private GrainCluster _cluster = null!;
    private FlakyGrainStorage _storage = null!;

    public StorageFailureTests() => _pis = new ScriptedPiClient(_time);

    public async ValueTask InitializeAsync()
    {
        _cluster = await GrainCluster.StartAsync(_pis, _time, silo: silo =>
        {
            silo.AddMemoryGrainStorage("inner");
            silo.Services.AddKeyedSingleton<IGrainStorage>(SolarFleetStorage.GrainStateProvider, (services, _) =>
                _storage = new FlakyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("inner")));
        });
        await _cluster.Site(Site).Configure(new SiteSettings("Home", "UTC"));
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_removal_that_storage_failed_can_be_repeated_and_then_stops_the_polling()
    {
        _pis.Answer(Port, now => new PiReading { PowerNowW = 900, PowerTodayWh = 100, StatusCode = 7, Timestamp = now.DateTime.AddSeconds(-5) });
        await _cluster.Site(Site).UpsertInverter("inv", new InverterSettings("127.0.0.1", Port));
        await _cluster.PolledAsync(Site, "inv", Start);

        _storage.FailChangesOf = "inverter";
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => _cluster.Site(Site).RemoveInverter("inv"));
        Assert.Contains("Simulated storage outage", failure.ToString(), StringComparison.Ordinal);

        // The inverter's own state was not changed: it is still registered and, reloaded, polls on.
        _time.Advance(Period);
        await _cluster.PolledAsync(Site, "inv", Start + Period);

        _storage.FailChangesOf = null;
        Assert.False(await _cluster.Site(Site).RemoveInverter("inv"));
        Assert.Null(await _cluster.Inverter(Site, "inv").GetSnapshot());
        var polls = _pis.PollCount(Port);
        _time.Advance(Period * 3);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(polls, _pis.PollCount(Port));
    }
}

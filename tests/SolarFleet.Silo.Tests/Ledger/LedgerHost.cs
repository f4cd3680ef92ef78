using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Ledger;

/// <summary>
/// The real SolarFleet host (API, grains, storage) on a fake clock, on the embedded default or on PostgreSQL, with
/// helpers to move its clock one poll at a time and wait until the inverters applied what their Pis said.
/// </summary>
public sealed class LedgerHost : IAsyncDisposable
{
    public const int PollSeconds = 5;

    private LedgerHost(SolarFleetFactory factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
        Admin = factory.Client(SolarFleetFactory.AdminKey);
    }

    public SolarFleetFactory Factory { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Admin { get; }

    private Dictionary<int, string> InverterIds { get; } = [];

    /// <summary>The inverter id a Pi was last pointed at by <see cref="PointAsync"/>.</summary>
    public string InverterIdOf(ScriptedPi pi) => InverterIds[pi.Port];

    /// <param name="connectionString">A PostgreSQL database, or null for the embedded default.</param>
    /// <param name="configure">More settings for the host.</param>
    public static async Task<LedgerHost> StartAsync(DateTimeOffset start, string? connectionString, Action<SolarFleetFactory>? configure = null)
    {
        var clock = new FakeTimeProvider(start);
        var factory = new SolarFleetFactory()
            .With("SolarFleet:Grains:JitterFirstPoll", "false")
            .With("SolarFleet:Metrics:RefreshInterval", "01:00:00")
            .WithServices(services =>
            {
                services.AddSolarFleetClock(clock);
                services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, clock);
            });
        if (connectionString is not null)
        {
            factory.With("SolarFleet:Storage", "Postgres")
                .With("ConnectionStrings:SolarFleet", connectionString)
                .With("SolarFleet:Orleans:AdvertisedIp", "127.0.0.1")
                // One silo in the test process: cluster TLS is the cluster tests' subject.
                .With("SolarFleet:Orleans:Tls:Required", "false")
                .With("SolarFleet:History:FlushInterval", "00:00:01");
        }

        configure?.Invoke(factory);
        var host = new LedgerHost(factory, clock);
        await Eventually.Get(() => host.Admin.Get("/readyz"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the silo to be ready");
        return host;
    }

    public async Task AddSiteAsync(string siteId, string timeZone = "UTC", double? latitude = null, double? longitude = null)
    {
        using var response = await Admin.Put($"/api/sites/{siteId}", new { name = $"Home {siteId}", timeZone, latitude, longitude });
        Assert.True(response.IsSuccessStatusCode, $"PUT site: {(int)response.StatusCode}");
    }

    /// <summary>Registers (or re-addresses) an inverter and waits for the poll that registration makes at once.</summary>
    public async Task PointAsync(string siteId, string inverterId, ScriptedPi pi, int? dcCapacityW = null)
    {
        InverterIds[pi.Port] = inverterId;
        var polls = pi.Polls;
        await PutInverterAsync(siteId, inverterId, pi.Body(PollSeconds, dcCapacityW));
        await Eventually.Get(() => Task.FromResult(pi.Polls), n => n > polls, TimeSpan.FromSeconds(10), $"{siteId}/{inverterId} to poll its Pi");
        await PolledAsync(siteId, inverterId, Clock.GetUtcNow());
    }

    /// <summary>Registers an inverter at a Pi on loopback (a simulated one) and waits for the poll that registration makes at once.</summary>
    public async Task PointAsync(string siteId, string inverterId, int port, int? dcCapacityW = null)
    {
        await PutInverterAsync(siteId, inverterId, new { host = "127.0.0.1", port, pollSeconds = PollSeconds, dcCapacityW });
        await PolledAsync(siteId, inverterId, Clock.GetUtcNow());
    }

    private async Task PutInverterAsync(string siteId, string inverterId, object body)
    {
        using var response = await Admin.Put($"/api/sites/{siteId}/inverters/{inverterId}", body);
        Assert.True(response.IsSuccessStatusCode, $"PUT inverter: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>Moves the clock one poll period and waits until every listed inverter applied a poll made then.</summary>
    public async Task StepAsync(params (string SiteId, string InverterId)[] inverters)
    {
        Clock.Advance(TimeSpan.FromSeconds(PollSeconds));
        var now = Clock.GetUtcNow();
        foreach (var (siteId, inverterId) in inverters)
        {
            await PolledAsync(siteId, inverterId, now);
        }
    }

    public Task<JsonNode> InverterAsync(string siteId, string inverterId) => Admin.GetJson($"/api/sites/{siteId}/inverters/{inverterId}");

    /// <summary>The day rows of a site's energy report.</summary>
    public async Task<JsonArray> SiteDaysAsync(string siteId, DateOnly from, DateOnly to) =>
        (await Admin.GetJson(string.Create(CultureInfo.InvariantCulture, $"/api/sites/{siteId}/energy?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"))).AsArray();

    /// <summary>One inverter's days, with provenance and audit.</summary>
    public async Task<JsonArray> InverterDaysAsync(string siteId, string inverterId, DateOnly from, DateOnly to) =>
        (await Admin.GetJson(string.Create(CultureInfo.InvariantCulture, $"/api/sites/{siteId}/inverters/{inverterId}/energy?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"))).AsArray();

    /// <summary>Waits until the fleet roll-up shows what <paramref name="done"/> wants (sites push every two seconds of the clock).</summary>
    public Task<JsonNode> FleetAsync(Func<JsonNode, bool> done, string what) => Eventually.Get(
        async () =>
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            return await Admin.GetJson("/api/fleet");
        },
        done,
        TimeSpan.FromSeconds(20),
        what);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }

    private Task<JsonNode> PolledAsync(string siteId, string inverterId, DateTimeOffset at) => Eventually.Get(
        () => InverterAsync(siteId, inverterId),
        inverter => inverter["lastPollAt"]?.GetValue<DateTimeOffset>() >= at,
        TimeSpan.FromSeconds(15),
        $"{siteId}/{inverterId} to apply a poll made at {at:O}");
}

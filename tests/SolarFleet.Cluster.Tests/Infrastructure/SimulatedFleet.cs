using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// Simulated Pis spread over a few sites where it is midday now, on a clock that can be frozen, plus the fleet
/// document that registers them and the checks that compare what the silos saw with the simulator's truth.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private const int PollSeconds = 5;

    private SimulatedFleet(PiSimulator simulator, FreezableTimeProvider clock, IReadOnlyList<string> siteIds)
    {
        Simulator = simulator;
        Clock = clock;
        SiteIds = siteIds;
    }

    public PiSimulator Simulator { get; }

    public FreezableTimeProvider Clock { get; }

    public IReadOnlyList<string> SiteIds { get; }

    public IReadOnlyList<SimulatedPi> Pis => Simulator.Pis;

    /// <summary>Today at the sites (all share the midday zone).</summary>
    public DateOnly LocalDate => DateOnly.FromDateTime(Pis[0].Site.LocalTime(Clock.GetUtcNow()));

    public static async Task<SimulatedFleet> StartAsync(int piCount, int siteCount)
    {
        var (zone, latitude, longitude) = DaylightSite.Now();
        var siteIds = Enumerable.Range(0, siteCount).Select(i => $"site-{(char)('a' + i)}").ToArray();
        // Sites a little apart in latitude: different sun, same midday zone.
        var sites = siteIds.Select((id, i) => new SimulatedSite(id, latitude + (i * 5), longitude, zone)).ToArray();
        var clock = new FreezableTimeProvider(TimeProvider.System);
        var simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = piCount, Sites = sites, Seed = 20_26 },
            clock,
            cancellationToken: TestContext.Current.CancellationToken);
        return new SimulatedFleet(simulator, clock, siteIds);
    }

    public static string InverterId(SimulatedPi pi) => string.Create(CultureInfo.InvariantCulture, $"pi-{pi.Index:00}");

    public static string Key(SimulatedPi pi) => $"{pi.Site.Name}/{InverterId(pi)}";

    /// <summary>The inverter's resource in the HTTP API.</summary>
    public static string ApiPath(SimulatedPi pi) => $"/api/sites/{pi.Site.Name}/inverters/{InverterId(pi)}";

    /// <summary>PUT /api/fleet: every site with its Pis, polled every five seconds.</summary>
    private async Task RegisterAsync(HttpClient api)
    {
        var document = new
        {
            sites = SiteIds.Select(siteId =>
            {
                var site = Pis.First(p => p.Site.Name == siteId).Site;
                return new
                {
                    id = siteId,
                    name = siteId,
                    timeZone = site.TimeZoneId,
                    latitude = site.Latitude,
                    longitude = site.Longitude,
                    inverters = Pis.Where(p => p.Site.Name == siteId)
                        .Select(p => new { id = InverterId(p), host = p.Endpoint.Host, port = p.Endpoint.Port, pollSeconds = PollSeconds })
                        .ToArray(),
                };
            }).ToArray(),
        };
        using var response = await api.PutAsJsonAsync(ApiJson.U("/api/fleet?wait=600"), document, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"PUT /api/fleet: {(int)response.StatusCode} {body}");
    }

    /// <summary>Registers the fleet through one silo and waits until the roll-up counts every inverter online.</summary>
    public async Task RegisterOnlineAsync(HttpClient api)
    {
        await RegisterAsync(api);
        await WaitAllOnlineAsync(api, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until the fleet roll-up counts every inverter online.</summary>
    public async Task WaitAllOnlineAsync(HttpClient api, TimeSpan timeout) =>
        await Eventually.Get(
            () => api.GetJson("/api/fleet"),
            fleet => fleet["health"]?["online"]?.GetValue<int>() == Pis.Count,
            timeout,
            $"all {Pis.Count} inverters online");

    public long[] ConnectionCounts() => [.. Pis.Select(p => p.ConnectionsAccepted)];

    /// <summary>Waits until every Pi has accepted at least <paramref name="more"/> connections since <paramref name="before"/>.</summary>
    public async Task WaitPolledAgainAsync(long[] before, int more, TimeSpan timeout, string what) =>
        await Eventually.Get(
            () => Task.FromResult(string.Join(", ", Pis.Where(p => p.ConnectionsAccepted < before[p.Index] + more).Select(Key))),
            waiting => waiting.Length == 0,
            timeout,
            $"{what} (last seen: the Pis still waiting)");

    /// <summary>Truth per site for a local date: what the inverters produced that day.</summary>
    public Dictionary<string, long> TruthBySite(DateOnly date) =>
        SiteIds.ToDictionary(id => id, id => Pis.Where(p => p.Site.Name == id).Sum(p => p.EnergyOn(date)), StringComparer.Ordinal);

    /// <summary>
    /// Freezes the simulator and waits until every Pi has been polled after that: from then on the inverters
    /// report nothing new, so the day's truth is final and the grains have seen all of it.
    /// </summary>
    public async Task<Dictionary<string, long>> FreezeAsync(TimeSpan timeout)
    {
        Clock.Freeze();
        var date = LocalDate;
        foreach (var pi in Pis)
        {
            // Without restarts what the Pi reports for today is the whole day's truth.
            Assert.Equal(pi.EnergyOn(date), pi.EnergyTodayWh);
        }

        await WaitPolledAgainAsync(ConnectionCounts(), 1, timeout, "a poll of every Pi after the simulator froze");
        return TruthBySite(date);
    }

    /// <summary>
    /// Waits for the fleet energy report of the (frozen) day to equal the simulator's truth per site, exactly:
    /// nothing lost, nothing counted twice.
    /// </summary>
    public async Task WaitLedgerMatchesTruthAsync(HttpClient api, TimeSpan timeout)
    {
        Assert.True(Clock.IsFrozen, "The truth is only final once the simulator is frozen.");
        var day = LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = string.Join(", ", TruthBySite(LocalDate).Select(t => $"{t.Key}={t.Value}"));
        await Eventually.Get(
            async () => await ReportedBySite(api, day),
            reported => reported == expected,
            timeout,
            $"the {day} ledger to equal the simulator's truth ({expected})");
    }

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();

    private static async Task<string> ReportedBySite(HttpClient api, string day)
    {
        var rows = (await api.GetJson($"/api/fleet/energy?from={day}&to={day}&interval=day")).AsArray();
        return string.Join(", ", rows.Select(r => $"{r!["siteId"]}={r["energyWh"]}"));
    }
}

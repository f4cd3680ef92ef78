using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Reporting;

/// <summary>
/// A silo on PostgreSQL with two sites on opposite sides of the date line, each with two inverters, and ledger rows
/// of early 2025 written straight into its database by a history store, as silos that polled them would have.
/// </summary>
public sealed class ReportingSilo(PostgresFixture postgres) : IAsyncLifetime
{
    public const string LosAngeles = "la";
    public const string Auckland = "akl";

    public SiloSet Silos { get; } = new();

    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>
    /// Site-local dates. Los Angeles springs forward on 2025-03-09 (a 23-hour day) and Auckland falls back on
    /// 2025-04-06 (25 hours). 2025-03-10 02:00 UTC is still 2025-03-09 in Los Angeles but already the afternoon of
    /// 2025-03-10 in Auckland: each site's rows are its own calendar's days.
    /// </summary>
    public static IReadOnlyList<DailyEnergy> Rows { get; } =
    [
        HistoryRows.Ledger(LosAngeles, "east", new(2025, 3, 8), 10_000),
        HistoryRows.Ledger(LosAngeles, "west", new(2025, 3, 8), 11_000),
        HistoryRows.Ledger(LosAngeles, "east", new(2025, 3, 9), 9_000),
        HistoryRows.Ledger(LosAngeles, "west", new(2025, 3, 9), 9_500),
        HistoryRows.Ledger(LosAngeles, "east", new(2025, 3, 10), 12_000, coverage: 0.5),
        HistoryRows.Ledger(LosAngeles, "east", new(2025, 4, 6), 15_000),
        HistoryRows.Ledger(LosAngeles, "west", new(2025, 4, 6), 14_000),
        HistoryRows.Ledger(Auckland, "east", new(2025, 3, 9), 20_000),
        HistoryRows.Ledger(Auckland, "west", new(2025, 3, 9), 21_000),
        HistoryRows.Ledger(Auckland, "east", new(2025, 3, 10), 19_000),
        HistoryRows.Ledger(Auckland, "west", new(2025, 3, 10), 18_500, coverage: 0.9),
        HistoryRows.Ledger(Auckland, "east", new(2025, 4, 5), 8_000),
        HistoryRows.Ledger(Auckland, "west", new(2025, 4, 5), 8_200),
        HistoryRows.Ledger(Auckland, "east", new(2025, 4, 6), 7_000),
        HistoryRows.Ledger(Auckland, "west", new(2025, 4, 6), 7_100),
        HistoryRows.Ledger(Auckland, "east", new(2025, 4, 7), 7_500),
        HistoryRows.Ledger(Auckland, "west", new(2025, 4, 7), 7_600),
    ];

    public HttpClient Api => Silo.Api;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.Server.CreateDatabaseAsync("reporting", ct);
        Silo = Silos.Start("reporting", SiloSettings.Postgres(database, "reporting"));
        try
        {
            await SetUpAsync(database, ct);
        }
        catch
        {
            // A fixture that fails to start is not disposed: the silo must not outlive the run.
            await Silos.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await Silos.DisposeAsync();

    private async Task SetUpAsync(string database, CancellationToken ct) =>
        await Silos.RunAsync(async () =>
        {
            await Silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
            var closedPort = ClosedPiPort();
            await RegisterAsync(LosAngeles, "Los Angeles home", "America/Los_Angeles", closedPort);
            await RegisterAsync(Auckland, "Auckland home", "Pacific/Auckland", closedPort);
            // The fleet roll-up learns of the sites' sizes shortly after; reports take the expected inverters from it.
            await Eventually.Get(
                () => Api.GetJson("/api/fleet"),
                fleet => fleet["inverters"]?.GetValue<int>() == 4,
                TimeSpan.FromSeconds(30),
                "the fleet roll-up to count the four inverters");

            await using var store = HistoryRows.CreateStore(database, TimeProvider.System);
            foreach (var row in Rows)
            {
                store.Upsert(row);
            }

            Assert.True(await store.FlushAsync(ct), "the ledger rows were written");
        });

    private async Task RegisterAsync(string siteId, string name, string timeZone, int port)
    {
        await Put($"/api/sites/{siteId}", new { name, timeZone });
        foreach (var inverter in new[] { "east", "west" })
        {
            // Nothing answers there: these inverters only give the sites their size, and poll once an hour.
            await Put($"/api/sites/{siteId}/inverters/{inverter}", new { host = "127.0.0.1", port, pollSeconds = 3600 });
        }
    }

    private async Task Put(string path, object body)
    {
        using var response = await Api.PutAsJsonAsync(ApiJson.U(path), body, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>A loopback port in the Pi range that nothing listens on.</summary>
    private static int ClosedPiPort()
    {
        for (var port = 65535; port >= 49152; port--)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one down.
            }
        }

        throw new InvalidOperationException("No free loopback port in 49152-65535.");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Outage;

/// <summary>A running silo loses its database for a minute.</summary>
public sealed partial class DatabaseOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FreezeBeforeEnd = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_minute_without_the_database_degrades_readiness_while_polling_goes_on_and_no_ledger_row_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = postgres.Server;
        var database = await server.CreateDatabaseAsync("outage", ct);
        await using var fleet = await SimulatedFleet.StartAsync(piCount: 6, siteCount: 2);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var silo = await silos.StartReadyAsync("solo", SiloSettings.Postgres(database, "outage"));
            await fleet.RegisterOnlineAsync(silo.Api);
            await Eventually.Get(
                () => Db.ScalarAsync<long>(database, "SELECT count(DISTINCT inverter_id) FROM solarfleet.daily_ledger", ct),
                rows => rows == fleet.Pis.Count,
                TimeSpan.FromSeconds(30),
                "a ledger row of every inverter in the database");

            var flushedBeforeStop = await LedgerBySiteAsync(database, fleet.LocalDate, ct);
            await server.StopAsync(ct);
            var outage = Stopwatch.StartNew();
            var stoppedAt = DateTimeOffset.UtcNow;
            long largestBacklog;
            Dictionary<string, long>? truth = null;
            try
            {
                var degraded = await Eventually.Get(
                    silo.ReadyzAsync,
                    ready => CheckStatus(ready, "history") == "degraded",
                    TimeSpan.FromSeconds(30),
                    "/readyz to report the history degraded");
                Assert.Equal("degraded", degraded["status"]?.GetValue<string>());
                Assert.Equal("healthy", CheckStatus(degraded, "silo"));
                var degradedAfter = outage.Elapsed;

                // A report that needs the database while it is down is a 503 saying so (try again), not a 500.
                var month = string.Create(CultureInfo.InvariantCulture, $"from={fleet.LocalDate.AddDays(-30):yyyy-MM-dd}&to={fleet.LocalDate:yyyy-MM-dd}&interval=day");
                foreach (var path in new[] { $"/api/fleet/energy?{month}", $"/api/sites/{fleet.SiteIds[0]}/energy?{month}" })
                {
                    using var report = await silo.Api.GetAsync(new Uri(path, UriKind.Relative), ct);
                    var body = await report.Content.ReadAsStringAsync(ct);
                    Assert.True(report.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)report.StatusCode} {body}");
                    Assert.Equal("application/problem+json", report.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("The database could not answer", body, StringComparison.Ordinal);
                    Assert.NotNull(report.Headers.RetryAfter);
                }

                // Polling and live state go on: every Pi is polled twice more and every inverter shows a success since the stop.
                await fleet.WaitPolledAgainAsync(fleet.ConnectionCounts(), more: 2, TimeSpan.FromSeconds(30), "polls during the outage");
                await Eventually.Get(
                    () => InvertersPolledSinceAsync(silo, fleet, stoppedAt),
                    waiting => waiting.Length == 0,
                    TimeSpan.FromSeconds(30),
                    "every inverter online with a successful poll after the database stopped (last seen: those still waiting)");

                // The outage lasts a minute by design; meanwhile readiness stays degraded and the backlog is watched.
                // Some seconds before its end the simulator freezes: the day's last changes are then seen during the
                // outage, so only the buffer can bring them to the database.
                largestBacklog = 0;
                while (outage.Elapsed < OutageLength)
                {
                    if (!fleet.Clock.IsFrozen && outage.Elapsed > OutageLength - FreezeBeforeEnd)
                    {
                        truth = await fleet.FreezeAsync(FreezeBeforeEnd);
                    }

                    var ready = await silo.ReadyzAsync();
                    Assert.Equal("degraded", CheckStatus(ready, "history"));
                    largestBacklog = Math.Max(largestBacklog, Backlog(ready));
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }

                Assert.True(largestBacklog > 0, "rows were buffered while the database was down");
                Assert.NotNull(truth);
                Assert.All(fleet.SiteIds, site => Assert.True(
                    truth[site] > flushedBeforeStop.GetValueOrDefault(site),
                    $"{site} produced {truth[site]} Wh by the freeze, more than the {flushedBeforeStop.GetValueOrDefault(site)} Wh written before the stop"));
                TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Readiness degraded {degradedAfter.TotalSeconds:0.0} s after the stop; largest backlog {largestBacklog} rows."));
            }
            finally
            {
                if (!server.IsRunning)
                {
                    await server.StartAsync(CancellationToken.None);
                }
            }

            var restartedAt = DateTimeOffset.UtcNow;
            var recovery = Stopwatch.StartNew();
            await Eventually.Get(
                silo.ReadyzAsync,
                ready => ready["status"]?.GetValue<string>() == "healthy",
                TimeSpan.FromSeconds(60),
                "/readyz healthy again once the database is back");
            var healthyAfter = recovery.Elapsed;

            // The readings polled during the outage were held and written once it ended, for every inverter.
            var window = string.Create(CultureInfo.InvariantCulture, $"polled_at > '{stoppedAt:O}' AND polled_at < '{restartedAt:O}'");
            await Eventually.Get(
                () => Db.ScalarAsync<long>(database, $"SELECT count(DISTINCT inverter_id) FROM solarfleet.readings WHERE {window}", ct),
                inverters => inverters == fleet.Pis.Count,
                TimeSpan.FromSeconds(30),
                "readings of every inverter from the outage window");
            var outageReadings = await Db.ScalarAsync<long>(database, $"SELECT count(*) FROM solarfleet.readings WHERE {window}", ct);

            await fleet.WaitLedgerMatchesTruthAsync(silo.Api, TimeSpan.FromSeconds(60));
            Assert.All(fleet.Pis, pi => Assert.Equal(1, pi.MaxConcurrentConnections));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Healthy {healthyAfter.TotalSeconds:0.0} s after the restart; {outageReadings} readings from the outage window written."));
        });
    }

    private static async Task<Dictionary<string, long>> LedgerBySiteAsync(string database, DateOnly date, CancellationToken ct)
    {
        var rows = await Db.ListAsync<string[]>(database, string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT ARRAY[site_id, sum(energy_wh)::text] FROM solarfleet.daily_ledger WHERE date = '{date:yyyy-MM-dd}' GROUP BY site_id"), ct);
        return rows.ToDictionary(r => r[0], r => long.Parse(r[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static string? CheckStatus(JsonNode ready, string check) => ready["checks"]?[check]?["status"]?.GetValue<string>();

    /// <summary>Rows waiting, as the history check describes them ("… (N rows waiting) …").</summary>
    private static long Backlog(JsonNode ready)
    {
        var match = RowsWaiting().Match(ready["checks"]?["history"]?["description"]?.GetValue<string>() ?? string.Empty);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The inverters whose live state (GET inverter) does not yet show a successful poll after <paramref name="since"/>.</summary>
    private static async Task<string> InvertersPolledSinceAsync(SiloProcess silo, SimulatedFleet fleet, DateTimeOffset since)
    {
        var waiting = new List<string>();
        foreach (var pi in fleet.Pis)
        {
            var inverter = await silo.Api.GetJson(SimulatedFleet.ApiPath(pi));
            var lastSuccess = inverter["lastSuccessAt"]?.GetValue<DateTimeOffset>();
            if (inverter["health"]?.GetValue<string>() != "online" || lastSuccess is null || lastSuccess <= since)
            {
                waiting.Add($"{SimulatedFleet.Key(pi)} ({inverter["health"]}, last success {lastSuccess:O})");
            }
        }

        return string.Join(", ", waiting);
    }

    [GeneratedRegex(@"\((\d+) rows waiting\)", RegexOptions.CultureInvariant)]
    private static partial Regex RowsWaiting();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Failover;

/// <summary>Two silo processes on one database; one is killed and the other carries on with the whole fleet.</summary>
public sealed partial class SiloFailoverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Dead = 6; // Orleans SiloStatus.Dead, as the membership table stores it.
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Killing_a_silo_resumes_every_inverter_on_the_survivor_without_an_api_call_and_the_ledger_stays_exact()
    {
        var ct = TestContext.Current.CancellationToken;
        // An empty database: both silos migrate it at the same moment.
        var database = await postgres.Server.CreateDatabaseAsync("failover", ct);
        await using var fleet = await SimulatedFleet.StartAsync(piCount: 12, siteCount: 3);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var doomed = silos.Start("a", Settings(database));
            var survivor = silos.Start("b", Settings(database));
            await Task.WhenAll(doomed.WaitReadyAsync(StartUp), survivor.WaitReadyAsync(StartUp));
            Assert.Equal(4L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM solarfleet.schema_migrations", ct));
            Assert.Equal(2L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_membership WHERE status = 3", ct));

            await fleet.RegisterAsync(doomed.Api);
            await fleet.WaitAllOnlineAsync(survivor.Api, TimeSpan.FromSeconds(60));
            var hostedByDoomed = HostedInverters(doomed);
            Assert.NotEmpty(hostedByDoomed);

            var clock = Stopwatch.StartNew();
            doomed.Kill();
            // Counted once the process is gone: every connection from here on comes from the survivor.
            var afterKill = fleet.ConnectionCounts();
            var declaredDead = WatchDeclaredDeadAsync(database, doomed.Settings.SiloPort, clock, ct);

            // No API call from here on: only the reminders and the survivor's own timers may bring polling back.
            await fleet.WaitPolledAgainAsync(afterKill, more: 2, FailoverLimit, "every Pi polled twice by the survivor within 2 minutes of the kill");
            var failover = clock.Elapsed;
            var deadAfter = await declaredDead;

            Assert.All(fleet.Pis, pi => Assert.True(pi.MaxConcurrentConnections == 1, $"{SimulatedFleet.Key(pi)} saw {pi.MaxConcurrentConnections} connections at once"));
            await fleet.WaitAllOnlineAsync(survivor.Api, TimeSpan.FromSeconds(60));
            await fleet.FreezeAsync(TimeSpan.FromSeconds(60));
            await fleet.WaitLedgerMatchesTruthAsync(survivor.Api, TimeSpan.FromSeconds(60));
            Assert.All(fleet.Pis, pi => Assert.Equal(1, pi.MaxConcurrentConnections));

            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Killed silo hosted {hostedByDoomed.Count} of {fleet.Pis.Count} inverters; declared dead after {deadAfter.TotalSeconds:0.0} s; every inverter polled twice after {failover.TotalSeconds:0.0} s."));
        });
    }

    /// <summary>
    /// The metrics refresh reads the fleet, site and inverter grains, which alone would wake every grain again within
    /// seconds of a failover. Here it stays out of the way, so only the persistent reminders can bring polling back.
    /// </summary>
    private static SiloSettings Settings(string database) => SiloSettings.Postgres(database, "failover")
        .With("SolarFleet:Metrics:RefreshInterval", "01:00:00")
        .With("SolarFleet:Metrics:MaxInverterSeries", "0");

    /// <summary>The inverters whose grain logged its registration on this silo, i.e. the ones it hosted.</summary>
    private static HashSet<string> HostedInverters(SiloProcess silo) =>
        silo.OutputLines.Select(line => ConfiguredLine().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>How long after the kill the membership table marks the silo dead.</summary>
    private static async Task<TimeSpan> WatchDeclaredDeadAsync(string database, int siloPort, Stopwatch clock, CancellationToken ct)
    {
        var sql = string.Create(CultureInfo.InvariantCulture, $"SELECT count(*) FROM orleans_membership WHERE port = {siloPort} AND status = {Dead}");
        while (await Db.ScalarAsync<long>(database, sql, ct) == 0)
        {
            if (clock.Elapsed > FailoverLimit)
            {
                Assert.Fail($"The killed silo was not declared dead within {FailoverLimit.TotalSeconds:0} s.");
            }

            await Task.Delay(250, ct);
        }

        return clock.Elapsed;
    }

    [GeneratedRegex(@"Inverter (\S+) configured: ", RegexOptions.CultureInvariant)]
    private static partial Regex ConfiguredLine();
}

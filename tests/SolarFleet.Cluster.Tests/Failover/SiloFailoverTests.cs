using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Failover;

/// <summary>Two silo processes on one database; one is killed and the other carries on with the whole fleet.</summary>
public sealed partial class SiloFailoverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Killing_a_silo_resumes_every_inverter_on_the_survivor_without_an_api_call_and_the_ledger_stays_exact()
    {
        var ct = TestContext.Current.CancellationToken;
        // An empty database: both silos migrate it at the same moment.
        var database = await postgres.Server.CreateDatabaseAsync("failover", ct);
        const int Sites = 3;
        await using var fleet = await SimulatedFleet.StartAsync(piCount: 12, siteCount: Sites);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            // Polling must come back through the grains themselves (the sites' reminders, the survivor's wake, and site
            // grains woken by the reports of their surviving inverters), not through a reader.
            var starting = new[] { "a", "b" }.Select(name => silos.StartReadyAsync(name, SiloSettings.Postgres(database, "failover").WithoutMetricsReads())).ToArray();
            var (a, b) = (await starting[0], await starting[1]);
            Assert.Equal(6L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM solarfleet.schema_migrations", ct));
            Assert.Equal(2L, await Membership.CountAsync(database, $"status = {Membership.Active}", ct));

            await fleet.RegisterOnlineAsync(a.Api);
            // One reminder per site, none per inverter.
            Assert.Equal((long)Sites, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM orleans_reminders", ct));

            // Placement decides where the inverter grains live; the silo hosting more of them is the one to kill.
            var hostedByA = HostedInverters(a);
            var hostedByB = HostedInverters(b);
            Assert.Equal(fleet.Pis.Count, hostedByA.Union(hostedByB).Count());
            Assert.Empty(hostedByA.Intersect(hostedByB));
            var (doomed, survivor, hostedByDoomed) = hostedByA.Count >= hostedByB.Count ? (a, b, hostedByA) : (b, a, hostedByB);

            var clock = Stopwatch.StartNew();
            doomed.Kill();
            // Counted once the process is gone: every connection from here on comes from the survivor.
            var afterKill = fleet.ConnectionCounts();
            var declaredDead = Membership.WaitForAsync(database, Membership.Silo(doomed.Settings.SiloPort, Membership.Dead), clock, FailoverLimit, ct);

            // No API call from here on: only the reminders and the survivor's own timers and wake may bring polling back.
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

    /// <summary>The inverters whose grain logged its registration on this silo, i.e. the ones it hosted.</summary>
    private static HashSet<string> HostedInverters(SiloProcess silo) =>
        silo.OutputLines.Select(line => ConfiguredLine().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"Inverter (\S+) configured: ", RegexOptions.CultureInvariant)]
    private static partial Regex ConfiguredLine();
}

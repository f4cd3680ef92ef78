using System.Diagnostics;
using System.Globalization;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Failover;

/// <summary>The only silo crashes and is started again in its place, as a service manager would.</summary>
public sealed class SiloRestartTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_silo_restarted_in_place_resumes_polling_at_once_without_an_api_call()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await postgres.Server.CreateDatabaseAsync("restart", ct);
        await using var fleet = await SimulatedFleet.StartAsync(piCount: 6, siteCount: 2);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var first = await silos.StartReadyAsync("first", SiloSettings.Postgres(database, "restart"));
            await fleet.RegisterOnlineAsync(first.Api);
            var port = first.Settings.SiloPort;
            var generation = await Membership.GenerationAsync(database, port, ct);
            first.Kill();
            var afterKill = fleet.ConnectionCounts();

            // Same address and ports, as when a service manager restarts it. Nothing calls it, not even /readyz.
            var clock = Stopwatch.StartNew();
            var replacement = silos.Start("replacement", first.Settings);
            var active = await Membership.WaitForAsync(database, $"{Membership.Silo(port, Membership.Active)} AND generation <> {generation}", clock, Limit, ct);
            var firstDead = await Membership.WaitForAsync(database, $"{Membership.Silo(port, Membership.Dead)} AND generation = {generation}", clock, Limit, ct);
            await fleet.WaitPolledAgainAsync(afterKill, more: 2, Limit, "every Pi polled twice by the restarted silo");
            var resumed = clock.Elapsed;

            await fleet.WaitAllOnlineAsync(replacement.Api, TimeSpan.FromSeconds(60));
            Assert.All(fleet.Pis, pi => Assert.Equal(1, pi.MaxConcurrentConnections));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"From the restart: old generation declared dead after {firstDead.TotalSeconds:0.0} s, new one active after {active.TotalSeconds:0.0} s, every inverter polled twice after {resumed.TotalSeconds:0.0} s."));
        });
    }
}

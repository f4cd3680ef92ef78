using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Failover;

/// <summary>
/// A fleet document that was stored (202) and is half applied when its silo goes is applied whole afterwards, brought
/// back by the grain's reminder alone: from the crash or stop until the fleet matches it, nothing asks the document
/// anything (the silos are only watched through what they print). Each test therefore lasts at least the one-minute
/// reminder period, counted from the store.
/// </summary>
public sealed class FleetDocumentResumeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // Two sites at a time: a pass over a thousand sites then lasts seconds, long enough to stop it mid-way.
    private const string ApplyParallelism = "2";

    // A one-minute reminder (SiloSettings), a death to declare or a silo to start: well within this.
    private static readonly TimeSpan ResumeLimit = TimeSpan.FromMinutes(3);

    // The fleet before: sites the new document drops, and sites it keeps under new names.
    private static readonly KeyValuePair<string, string>[] Dropped = [.. SitesDocument.Numbered("old", 600, "Old")];
    private static readonly KeyValuePair<string, string>[] Before = [.. Dropped, .. SitesDocument.Numbered("kept", 100, "Kept")];

    // The new document: the kept sites renamed, and many new ones.
    private static readonly KeyValuePair<string, string>[] After = [.. SitesDocument.Numbered("kept", 100, "Kept, renamed"), .. SitesDocument.Numbered("new", 900, "New")];

    [Fact]
    public async Task A_fleet_document_is_applied_whole_by_the_surviving_silo_after_the_silo_applying_it_is_killed()
    {
        var database = await postgres.Server.CreateDatabaseAsync("resume_failover", TestContext.Current.CancellationToken);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var starting = new[] { "a", "b" }.Select(name => silos.StartReadyAsync(name, Settings(database, "resume-failover"))).ToArray();
            SiloProcess[] both = [await starting[0], await starting[1]];
            var generation = await StoreBeforeThenAfterAsync(both[0].Api);

            // The silo whose document grain logged the store is the one applying it.
            var applying = await Eventually.Get(
                () => Task.FromResult(both.FirstOrDefault(silo => silo.OutputLines.Any(line => line.Contains(Stored(generation), StringComparison.Ordinal)))),
                silo => silo is not null,
                TimeSpan.FromSeconds(30),
                "a silo to log the store",
                _ => "none did");
            var survivor = both.Single(silo => silo != applying);
            await KillMidwayAsync(applying!, status => (int)status["sitesApplied"]! >= After.Length / 4);

            await AssertResumedAndAppliedAsync(survivor, generation, Stopwatch.StartNew());
        });
    }

    [Fact]
    public async Task A_fleet_document_is_applied_whole_after_the_only_silo_is_killed_while_removing_sites_and_started_again()
    {
        var database = await postgres.Server.CreateDatabaseAsync("resume_restart", TestContext.Current.CancellationToken);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var first = await silos.StartReadyAsync("first", Settings(database, "resume-restart"));
            var generation = await StoreBeforeThenAfterAsync(first.Api);
            var killedAt = await KillMidwayAsync(first, status => (int)status["sitesRemoved"]! >= Dropped.Length / 4);
            Assert.True((int)killedAt["sitesRemoved"]! < Dropped.Length, $"The sites were all removed before the kill: {killedAt.ToJsonString()}");

            // Same address and ports, as a service manager restarts it; nothing calls it, not even /readyz.
            var clock = Stopwatch.StartNew();
            await AssertResumedAndAppliedAsync(silos.Start("again", first.Settings), generation, clock);
        });
    }

    [Fact]
    public async Task A_fleet_document_resumes_without_any_request_after_the_only_silo_is_stopped_and_started_again()
    {
        var database = await postgres.Server.CreateDatabaseAsync("resume_stop", TestContext.Current.CancellationToken);
        await using var silos = new SiloSet();
        await silos.RunAsync(async () =>
        {
            var first = await silos.StartReadyAsync("first", Settings(database, "resume-stop"));
            var generation = await StoreBeforeThenAfterAsync(first.Api);
            await WaitMidwayAsync(first.Api, status => (int)status["sitesApplied"]! >= After.Length / 4);
            await first.StopAsync(TimeSpan.FromSeconds(60));

            var clock = Stopwatch.StartNew();
            await AssertResumedAndAppliedAsync(silos.Start("again", first.Settings), generation, clock);
        });
    }

    private static SiloSettings Settings(string database, string clusterId) =>
        SiloSettings.Postgres(database, clusterId).WithoutMetricsReads().With("SolarFleet:Grains:FleetApplyParallelism", ApplyParallelism);

    /// <summary>Applies the fleet before, then stores the new document: answered 202, it is being applied. Returns its generation.</summary>
    private static async Task<long> StoreBeforeThenAfterAsync(HttpClient api)
    {
        using (var before = await api.PutRaw("/api/fleet", SitesDocument.Json(Before)))
        {
            Assert.True(before.IsSuccessStatusCode, $"PUT /api/fleet: {(int)before.StatusCode}");
            var generation = (long)(await before.Json())["generation"]!;
            await Eventually.Get(
                () => api.GetJson("/api/fleet/document/status"),
                status => (long)status["observedGeneration"]! == generation,
                TimeSpan.FromSeconds(120),
                "the fleet to match the first document");
        }

        using var after = await api.PutRaw("/api/fleet", SitesDocument.Json(After));
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        return (long)(await after.Json())["generation"]!;
    }

    /// <summary>Waits until the pass under way has got as far as <paramref name="far"/> says, and is not done.</summary>
    private static async Task<JsonNode> WaitMidwayAsync(HttpClient api, Func<JsonNode, bool> far)
    {
        var status = await Eventually.Get(
            () => api.GetJson("/api/fleet/document/status"),
            status => far(status) || (long)status["observedGeneration"]! == (long)status["generation"]!,
            TimeSpan.FromSeconds(120),
            "the document to be applied part of the way");
        Assert.True((long)status["observedGeneration"]! < (long)status["generation"]!, $"The document was applied before it could be stopped mid-way: {status.ToJsonString()}");
        Report($"Stopping the silo at {status.ToJsonString()}");
        return status;
    }

    private static async Task<JsonNode> KillMidwayAsync(SiloProcess silo, Func<JsonNode, bool> far)
    {
        var status = await WaitMidwayAsync(silo.Api, far);
        silo.Kill();
        return status;
    }

    /// <summary>
    /// Waits, reading only what <paramref name="silo"/> prints, until it resumed the document and applied it; then the
    /// fleet is exactly the new document: its status says so, and GET /api/sites lists its sites and no other.
    /// </summary>
    /// <param name="clock">Started when the silo applying the document went.</param>
    private static async Task AssertResumedAndAppliedAsync(SiloProcess silo, long generation, Stopwatch clock)
    {
        await silo.WaitForOutputAsync(Resuming(generation), ResumeLimit);
        await silo.WaitForOutputAsync(Applied(generation), ResumeLimit);
        Report(string.Create(CultureInfo.InvariantCulture, $"Silo {silo.Name} applied the document {clock.Elapsed.TotalSeconds:0.0} s after the silo applying it went."));

        var status = await silo.Api.GetJson("/api/fleet/document/status");
        Assert.Equal(
            (generation, generation, "converged", After.Length),
            ((long)status["generation"]!, (long)status["observedGeneration"]!, (string)status["state"]!, (int)status["sites"]!));

        // The list shows what each site pushed to the fleet, a push every two seconds at most.
        await SitesDocument.WaitListedAsync(silo.Api, After);
    }

    private static string Stored(long generation) => string.Create(CultureInfo.InvariantCulture, $"Fleet document generation {generation} stored:");

    private static string Resuming(long generation) => string.Create(CultureInfo.InvariantCulture, $"Resuming fleet document generation {generation} ");

    private static string Applied(long generation) => string.Create(CultureInfo.InvariantCulture, $"Fleet document generation {generation} applied in ");

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

public sealed class FleetDocumentTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    private object Document(params (string Site, int[] Pis)[] sites)
    {
        var (zone, latitude, longitude) = DaylightSite.Now();
        return new
        {
            sites = sites.Select(s => new
            {
                id = s.Site,
                name = "Home " + s.Site,
                timeZone = zone,
                latitude,
                longitude,
                inverters = s.Pis.Select(p => new { id = $"pi-{p}", host = host.Simulator.Pis[p].Endpoint.Host, port = host.Simulator.Pis[p].Endpoint.Port, pollSeconds = 5 }).ToArray(),
            }).ToArray(),
        };
    }

    /// <summary>A document of many sites without inverters (sites are what a fleet document is mostly made of).</summary>
    private static string ManySites(string prefix, int count)
    {
        var sites = Enumerable.Range(0, count).Select(i => new { id = $"{prefix}-{i:00000}", name = $"Home {i}", timeZone = "UTC" });
        return JsonSerializer.Serialize(new { sites });
    }

    [Fact]
    public async Task The_fleet_is_made_to_match_the_document_and_a_rejected_document_changes_nothing()
    {
        using (var first = await host.Admin.Put("/api/fleet?wait=60", Document(("north", [0, 1]), ("south", [2]))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var status = await first.Json();
            Assert.Equal(((long)status["generation"]!), (long)status["observedGeneration"]!);
            Assert.Equal(("converged", 2, 3), ((string)status["state"]!, (int)status["sites"]!, (int)status["inverters"]!));
        }

        using (var second = await host.Admin.Put("/api/fleet?wait=60", Document(("north", [0]), ("east", [3]))))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(1, (int)(await second.Json())["sitesRemoved"]!);
        }

        var sites = await host.Reader.GetJson("/api/sites");
        Assert.Equal(["east", "north"], sites.AsArray().Select(s => (string)s!["id"]!).Order(StringComparer.Ordinal));
        var north = await host.Reader.GetJson("/api/sites/north/inverters");
        Assert.Equal(["pi-0"], north.AsArray().Select(i => (string)i!["id"]!));

        // One bad port deep in the document: 400 naming it, and the fleet is as it was.
        var (zone, _, _) = DaylightSite.Now();
        var bad = new
        {
            sites = new object[]
            {
                new { id = "west", name = "West", timeZone = zone, inverters = new object[] { new { id = "a", host = "127.0.0.1", port = 50000 } } },
                new { id = "north", name = "North", timeZone = zone, inverters = new object[] { new { id = "a", host = "127.0.0.1", port = 80 } } },
            },
        };
        using (var rejected = await host.Admin.Put("/api/fleet", bad))
        {
            Assert.Equal(["sites[1].inverters[0].port"], await rejected.ErrorFields());
        }

        var after = await host.Reader.GetJson("/api/sites");
        Assert.Equal(["east", "north"], after.AsArray().Select(s => (string)s!["id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Duplicate_ids_in_a_document_are_named()
    {
        using var response = await host.Admin.Put("/api/fleet", Document(("dup", [0]), ("dup", [1])));

        Assert.Equal(["sites[1].id"], await response.ErrorFields());
    }

    [Fact]
    public async Task The_stored_document_comes_back_with_its_generation_as_an_etag_and_a_stale_if_match_is_refused()
    {
        using var stored = await host.Admin.Put("/api/fleet?wait=60", Document(("etag", [0])));
        var generation = (long)(await stored.Json())["generation"]!;
        Assert.Equal($"\"{generation}\"", stored.Headers.ETag?.Tag);

        var read = await host.Reader.GetJson("/api/fleet/document");
        Assert.Equal(generation, (long)read["generation"]!);
        Assert.Equal("converged", (string)read["status"]!["state"]!);
        var site = read["document"]!["sites"]!.AsArray().Single()!;
        Assert.Equal(("etag", "pi-0"), ((string)site["id"]!, (string)site["inverters"]![0]!["id"]!));

        // A client that read generation N may only replace N: one that read it earlier gets 412 and the current tag.
        using var current = Put($"/api/fleet?wait=60", JsonSerializer.Serialize(Document(("etag", [0, 1]))), ifMatch: $"\"{generation}\"");
        using var accepted = await host.Admin.SendAsync(current, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var stale = Put("/api/fleet", JsonSerializer.Serialize(Document(("stale", [2]))), ifMatch: $"\"{generation}\"");
        using var refused = await host.Admin.SendAsync(stale, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{generation + 1}\"", refused.Headers.ETag?.Tag);
        Assert.DoesNotContain((await host.Reader.GetJson("/api/sites")).AsArray(), s => (string)s!["id"]! == "stale");
    }

    [Fact]
    public async Task Two_documents_sent_at_once_leave_the_later_generation_whole_not_the_union()
    {
        var a = ManySites("race-a", 1500);
        var b = ManySites("race-b", 1500);

        var sent = await Task.WhenAll(
            host.Admin.SendAsync(Put("/api/fleet", a), TestContext.Current.CancellationToken),
            host.Admin.SendAsync(Put("/api/fleet", b), TestContext.Current.CancellationToken));
        var generations = new List<(long Generation, string Prefix)>();
        for (var i = 0; i < sent.Length; i++)
        {
            using var response = sent[i];
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{(int)response.StatusCode}");
            generations.Add(((long)(await response.Json())["generation"]!, i == 0 ? "race-a" : "race-b"));
        }

        var later = generations.MaxBy(g => g.Generation);
        await Eventually.Get(
            () => host.Reader.GetJson("/api/fleet/document/status"),
            s => (long)s["observedGeneration"]! >= later.Generation,
            TimeSpan.FromSeconds(120),
            "the fleet to match the later document");
        var ids = (await host.Reader.GetJson("/api/fleet/document"))["document"]!["sites"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        Assert.All(ids, id => Assert.StartsWith(later.Prefix, id, StringComparison.Ordinal));
        var fleetIds = await Eventually.Get(
            async () => (await host.Reader.GetJson("/api/sites")).AsArray().Select(s => (string)s!["id"]!).Where(id => id.StartsWith("race-", StringComparison.Ordinal)).ToList(),
            list => list.Count == 1500,
            TimeSpan.FromSeconds(30),
            "the sites list to show only the later document's sites",
            list => $"{list.Count} sites, {list.Count(id => id.StartsWith(later.Prefix, StringComparison.Ordinal))} of the later document");
        Assert.All(fleetIds, id => Assert.StartsWith(later.Prefix, id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_that_drops_its_upload_half_way_changes_nothing()
    {
        using (var before = await host.Admin.Put("/api/fleet?wait=60", Document(("kept", [0]))))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var generation = (long)(await host.Reader.GetJson("/api/fleet/document/status"))["generation"]!;
        var document = Encoding.UTF8.GetBytes(ManySites("cut", 10_000));
        using var abort = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Put, ApiJson.U("/api/fleet"))
        {
            Content = new StreamContent(new HalfThenStall(document, abort)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentLength = document.Length;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Admin.SendAsync(request, abort.Token));

        var status = await host.Reader.GetJson("/api/fleet/document/status");
        Assert.Equal(generation, (long)status["generation"]!);
        var ids = (await host.Reader.GetJson("/api/sites")).AsArray().Select(s => (string)s!["id"]!).ToList();
        Assert.Contains("kept", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("cut-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/fleet?wait=601", "wait")]
    [InlineData("/api/fleet?wait=soon", "wait")]
    public async Task A_bad_wait_is_a_400_naming_it(string path, string field)
    {
        using var response = await host.Admin.Put(path, Document(("w", [0])));

        Assert.Equal([field], await response.ErrorFields());
    }

    [Fact]
    public async Task A_bad_if_match_is_a_400_naming_it()
    {
        using var request = Put("/api/fleet", JsonSerializer.Serialize(Document(("m", [0]))), ifMatch: "W/\"abc\"");
        using var response = await host.Admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["If-Match"], await response.ErrorFields());
    }

    private static HttpRequestMessage Put(string path, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, ApiJson.U(path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    /// <summary>A body that sends half its bytes, then stalls until the client gives up on the request.</summary>
    private sealed class HalfThenStall(byte[] bytes, CancellationTokenSource abort) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = bytes.Length / 2;
            if (_position >= half)
            {
                // Half sent: the client goes away.
                await abort.CancelAsync();
                throw new IOException("The client went away half way through its upload.");
            }

            var count = Math.Min(buffer.Length, half - _position);
            bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

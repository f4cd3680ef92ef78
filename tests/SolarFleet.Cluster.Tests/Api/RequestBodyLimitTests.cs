using System.Globalization;
using System.Net;
using SolarFleet.Cluster.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Api;

/// <summary>
/// Request body limits as a real Kestrel enforces them (the in-process TestServer has none of its own): the fleet
/// document's 64 MiB beats Kestrel's default of 30,000,000 bytes, and a body over its endpoint's limit, sent with a
/// Content-Length or chunked without one, is a 400 naming that limit and changes nothing.
/// </summary>
public sealed class RequestBodyLimitTests(BodyLimitSilo host) : IClassFixture<BodyLimitSilo>
{
    private HttpClient Api => host.Silo.Api;

    [Fact]
    public async Task A_31_MB_fleet_document_is_accepted_whole_though_kestrel_alone_would_cut_it_at_30_MB()
    {
        // A thousand sites padded with whitespace to 31 MB: the limit counts bytes, and a fleet really that big
        // (some 300,000 inverters) would make this a test of applying it rather than of receiving it.
        var sites = SitesDocument.Numbered("big", 1000, "Big").ToList();
        const long length = 31_000_000;
        Assert.InRange(length, 30_000_001, BodyLimitSilo.FleetDocumentLimit);

        await host.Silos.RunAsync(async () =>
        {
            using var response = await PutAsync("/api/fleet", PaddedJsonStream.Content(SitesDocument.Json(sites), length, chunked: false));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"PUT /api/fleet: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            var generation = (long)(await response.Json())["generation"]!;

            var stored = await Api.GetJson("/api/fleet/document");
            Assert.Equal(generation, (long)stored["generation"]!);
            Assert.Equal(sites.Select(site => site.Key), stored["document"]!["sites"]!.AsArray().Select(site => (string)site!["id"]!));
            await SitesDocument.WaitListedAsync(Api, sites);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fleet_document_over_the_limit_is_a_400_naming_the_limit_in_bytes_and_changes_nothing(bool chunked)
    {
        await host.Silos.RunAsync(async () =>
        {
            var before = await FleetAsync();

            // One byte over, made while it is sent: 64 MiB is never held in memory here.
            var document = SitesDocument.Json(SitesDocument.Numbered("over", 10, "Over"));
            using (var response = await PutAskingFirstAsync("/api/fleet", PaddedJsonStream.Content(document, BodyLimitSilo.FleetDocumentLimit + 1L, chunked)))
            {
                await AssertRefusedAsync(response, BodyLimitSilo.FleetDocumentLimit);
            }

            Assert.Equal(before, await FleetAsync());
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_site_body_over_its_own_smaller_limit_is_a_400_naming_it_and_one_within_it_is_accepted(bool chunked)
    {
        var path = chunked ? "/api/sites/limit-chunked" : "/api/sites/limit-length";
        const string site = """{"name":"Limited","timeZone":"UTC"}""";
        await host.Silos.RunAsync(async () =>
        {
            using (var over = await PutAskingFirstAsync(path, PaddedJsonStream.Content(site, BodyLimitSilo.BodyLimit + 1L, chunked)))
            {
                await AssertRefusedAsync(over, BodyLimitSilo.BodyLimit);
            }

            using (var absent = await Api.Get(path))
            {
                Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            }

            using var within = await PutAsync(path, PaddedJsonStream.Content(site, BodyLimitSilo.BodyLimit, chunked));
            Assert.True(within.StatusCode == HttpStatusCode.Created, $"PUT {path}: {(int)within.StatusCode} {await within.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        });
    }

    private Task<HttpResponseMessage> PutAsync(string path, HttpContent content) =>
        Api.PutAsync(ApiJson.U(path), content, TestContext.Current.CancellationToken);

    /// <summary>
    /// A PUT that asks before sending its body (Expect: 100-continue, as curl does for large bodies). Refused at its
    /// headers, a body is never read, and the connection closes under it: HttpClient, which reads no answer before it
    /// has sent its whole body unless it asks first, would report only the broken connection.
    /// </summary>
    private async Task<HttpResponseMessage> PutAskingFirstAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ApiJson.U(path)) { Content = content };
        request.Headers.ExpectContinue = true;
        return await Api.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The stored generation and the sites listed: what a refused document must leave as it was.</summary>
    private async Task<string> FleetAsync()
    {
        var status = await Api.GetJson("/api/fleet/document/status");
        var sites = SitesDocument.Listed(await Api.GetJson("/api/sites"));
        return string.Create(CultureInfo.InvariantCulture, $"generation {status["generation"]}, observed {status["observedGeneration"]}, sites {string.Join(", ", sites)}");
    }

    /// <summary>A 400 naming the body, whose message gives the limit in bytes.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, int limit)
    {
        Assert.Equal(["body"], await response.ErrorFields());
        var message = (string)(await response.Json())["errors"]!["body"]![0]!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{limit} bytes"), message, StringComparison.Ordinal);
    }
}

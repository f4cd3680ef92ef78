using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

public sealed class AuthTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    [Fact]
    public async Task Reads_without_a_key_are_401_with_a_problem_document()
    {
        using var response = await host.Anonymous.Get("/api/fleet");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", (string?)(await response.Json())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        using var client = host.Factory.Client("not-a-configured-key-at-all");

        using var response = await client.Get("/api/fleet");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_reader_may_read_but_not_write()
    {
        using var read = await host.Reader.Get("/api/fleet");
        using var write = await host.Reader.Put("/api/sites/reader-home", SiloWithSimulator.SiteBody());
        using var delete = await host.Reader.Delete("/api/sites/reader-home");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using var site = await host.Admin.Get("/api/sites/reader-home");
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
    }

    [Fact]
    public async Task Writes_without_a_key_are_401()
    {
        using var response = await host.Anonymous.Put("/api/sites/anon-home", SiloWithSimulator.SiteBody());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Probes_scrapes_and_the_api_description_need_no_key(string path)
    {
        using var response = await host.Anonymous.Get(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_reads_can_be_allowed_but_writes_still_need_admin()
    {
        await using var factory = new SolarFleetFactory().With("SolarFleet:Auth:AllowAnonymousReads", "true");
        using var anonymous = factory.Client(null);

        using var read = await anonymous.Get("/api/fleet");
        using var write = await anonymous.Put("/api/sites/x", SiloWithSimulator.SiteBody());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }
}

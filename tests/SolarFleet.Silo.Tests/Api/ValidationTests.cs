using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

public sealed class ValidationTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    [Fact]
    public async Task Every_bad_site_field_is_named_in_one_problem_document()
    {
        using var response = await host.Admin.Put("/api/sites/Bad%20Id", new { name = "", timeZone = "Mars/Olympus_Mons", latitude = 91.0, longitude = 0.0 });

        Assert.Equal(["latitude", "name", "siteId", "timeZone"], await response.ErrorFields());
    }

    [Fact]
    public async Task Every_bad_inverter_field_is_named_in_one_problem_document()
    {
        (await host.Admin.Put("/api/sites/val-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/val-home/inverters/x", new { host = "not a host!", port = 502, pollSeconds = 1, powerTotalUnit = "MWh" });

        Assert.Equal(["host", "pollSeconds", "port", "powerTotalUnit"], await response.ErrorFields());
    }

    [Theory]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 50000", "body")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": \"fifty\"}", "port")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 50000, \"colour\": \"red\"}", "colour")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    public async Task Malformed_json_is_a_400_naming_where(string body, string field)
    {
        (await host.Admin.Put("/api/sites/json-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.PutRaw("/api/sites/json-home/inverters/x", body);

        Assert.Contains(field, await response.ErrorFields());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_without_being_read_whole()
    {
        var huge = "{\"name\": \"" + new string('x', 200_000) + "\", \"timeZone\": \"UTC\"}";

        using var response = await host.Admin.PutRaw("/api/sites/big-home", huge);

        Assert.Equal(["body"], await response.ErrorFields());
        using var site = await host.Reader.Get("/api/sites/big-home");
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_an_unsupported_media_type()
    {
        using var response = await host.Admin.PutRaw("/api/sites/text-home", "name=x", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/sites/nowhere")]
    [InlineData("/api/sites/nowhere/inverters")]
    [InlineData("/api/sites/nowhere/inverters/x")]
    [InlineData("/api/sites/nowhere/problems")]
    public async Task Unknown_ids_are_404_problems(string path)
    {
        using var response = await host.Reader.Get(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_inverter_of_an_unknown_site_is_404_and_creates_nothing()
    {
        using var response = await host.Admin.Put("/api/sites/ghost/inverters/x", host.InverterBody(0));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var site = await host.Reader.Get("/api/sites/ghost");
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
    }

    [Fact]
    public async Task An_inverter_of_a_known_site_but_unknown_id_is_404()
    {
        (await host.Admin.Put("/api/sites/known-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Reader.Get("/api/sites/known-home/inverters/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

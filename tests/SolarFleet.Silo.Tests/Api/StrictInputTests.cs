using System.Net;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>Input is taken only as it is documented, and every way it is not gets a message about that field.</summary>
public sealed class StrictInputTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    [Theory]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": \"50000\"}", "port", "must be a whole number, not a string")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 50000.5}", "port", "must be a whole number, not a fraction (was 50000.5)")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 5e-1}", "port", "must be a whole number, not a fraction (was 5e-1)")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 99999999999}", "port", "must be a whole number from -2147483648 to 2147483647 (was 99999999999)")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 1e99}", "port", "must be a whole number from -2147483648 to 2147483647 (was 1e99)")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 123456789012345678901234567890}", "port", "(was 123456789012345678901234…)")]
    [InlineData("{\"host\": 5, \"port\": 50000}", "host", "must be a string, not a number")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 50000, \"colour\": \"red\"}", "colour", "is not a field here; the fields are host, port, pollSeconds, powerTotalUnit")]
    [InlineData("{\"host\": \"10.0.0.5\", \"port\": 50000, \"port\": 50001}", "port", "appears more than once")]
    [InlineData("{\"host\": [\"10.0.0.5\"], \"port\": 50000}", "host", "must be a string, not an array")]
    public async Task A_field_of_the_wrong_kind_an_unknown_field_or_a_repeated_key_is_a_400_saying_what_is_wrong_with_it(string body, string field, string message)
    {
        (await host.Admin.Put("/api/sites/strict-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.PutRaw("/api/sites/strict-home/inverters/x", body);

        Assert.Equal([field], await response.ErrorFields());
        Assert.Contains(message, Errors(await response.Json(), field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_document_with_its_sites_key_twice_is_refused_not_merged()
    {
        using var response = await host.Admin.PutRaw(
            "/api/fleet",
            "{\"sites\": [{\"id\": \"a\", \"name\": \"A\", \"timeZone\": \"UTC\"}], \"sites\": []}");

        Assert.Equal(["sites"], await response.ErrorFields());
    }

    [Fact]
    public async Task Nested_fields_are_named_by_their_path()
    {
        using var response = await host.Admin.PutRaw(
            "/api/fleet",
            "{\"sites\": [{\"id\": \"a\", \"name\": \"A\", \"timeZone\": \"UTC\", \"inverters\": [{\"id\": \"i\", \"host\": \"10.0.0.1\", \"port\": \"50000\", \"extra\": 1}]}]}");

        Assert.Equal(["sites[0].inverters[0].extra", "sites[0].inverters[0].port"], await response.ErrorFields());
    }

    [Theory]
    [InlineData("Home\u001B[31m")]
    [InlineData("Home\r\nFAKE LOG LINE")]
    [InlineData("Home\u0000")]
    [InlineData("Home\u202Eexe.txt")]
    [InlineData("Home\u2066x\u2069")]
    public async Task A_name_with_control_or_bidirectional_characters_is_refused(string name)
    {
        using var response = await host.Admin.Put("/api/sites/name-home", new { name, timeZone = "UTC" });

        Assert.Equal(["name"], await response.ErrorFields());
    }

    [Fact]
    public async Task A_name_in_any_script_with_emoji_is_accepted()
    {
        using var response = await host.Admin.Put("/api/sites/world-home", new { name = "Müller-Øster 太陽 🌞 family", timeZone = "UTC" });

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_sites_list_shows_where_each_site_is_and_negative_zero_comes_back_as_zero()
    {
        using (var put = await host.Admin.PutRaw("/api/sites/zero-home", "{\"name\": \"Zero\", \"timeZone\": \"UTC\", \"latitude\": -0.0, \"longitude\": -0.0}"))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        (await host.Admin.Put("/api/sites/geo-home", new { name = "Geo", timeZone = "UTC", latitude = 37.39, longitude = -122.08 })).Dispose();
        var sites = await Eventually.Get(
            () => host.Reader.GetJson("/api/sites"),
            list => list.AsArray().Any(s => (string)s!["id"]! == "geo-home"),
            TimeSpan.FromSeconds(10),
            "the fleet to list the new site");

        var geo = sites.AsArray().Single(s => (string)s!["id"]! == "geo-home")!;
        Assert.Equal((37.39, -122.08), ((double)geo["latitude"]!, (double)geo["longitude"]!));
        using var zero = await host.Reader.Get("/api/sites/zero-home");
        var text = await zero.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"latitude\":0,\"longitude\":0", text, StringComparison.Ordinal);
    }

    private static string Errors(JsonNode problem, string field) =>
        string.Join(" ", problem["errors"]![field]!.AsArray().Select(e => (string)e!));
}

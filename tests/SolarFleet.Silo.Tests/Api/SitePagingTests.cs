using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>The sites list a page at a time: what a client of a 10,000-site fleet asks for instead of a few MB at once.</summary>
public sealed class SitePagingTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    [Fact]
    public async Task Following_the_next_links_lists_every_site_once_in_id_order_and_the_last_page_has_no_link()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var factory = new SolarFleetFactory();
        using var admin = factory.Client(SolarFleetFactory.AdminKey);
        string[] ids = ["b-2", "a-1", "c_3", "a-10", "z"];
        foreach (var id in ids)
        {
            using var put = await admin.PutAsJsonAsync($"/api/sites/{Uri.EscapeDataString(id)}", new { name = id, timeZone = "UTC" }, cancellationToken);
            put.EnsureSuccessStatusCode();
        }

        await Eventually.Get(
            () => admin.GetFromJsonAsync<JsonArray>("/api/sites", cancellationToken),
            sites => sites?.Count == ids.Length,
            TimeSpan.FromSeconds(10),
            "every site listed",
            sites => sites?.ToJsonString() ?? "null");

        var listed = new List<string>();
        var pages = 0;
        for (var path = "/api/sites?limit=2"; path is not null; pages++)
        {
            using var response = await admin.GetAsync(path, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Json()).AsArray();
            Assert.InRange(page.Count, 1, 2);
            listed.AddRange(page.Select(s => (string)s!["id"]!));
            path = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_page_starting_after_the_last_site_is_empty_and_without_a_link()
    {
        using var response = await host.Reader.Get("/api/sites?limit=10&after=zzzz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Json()).AsArray());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("after=", "after")]
    [InlineData("after=%01", "after")]
    [InlineData("after=A", "after")]
    public async Task A_bad_page_is_a_400_naming_the_parameter(string query, string field)
    {
        using var response = await host.Reader.Get($"/api/sites?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
    }

    // Link: </api/sites?limit=2&after=a-10>; rel="next"
    private static string NextOf(string link)
    {
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}

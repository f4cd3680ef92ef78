using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>
/// Readers share the fleet's list of sites for a moment, but a site added or removed shows at the next read, however
/// recently the list was read.
/// </summary>
public sealed class SiteListFreshnessTests
{
    [Fact]
    public async Task A_site_removed_leaves_the_sites_list_and_the_dashboard_at_the_next_read()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var factory = new SolarFleetFactory();
        using var admin = factory.Client(SolarFleetFactory.AdminKey);
        foreach (var id in new[] { "keep", "drop" })
        {
            using var put = await admin.PutAsJsonAsync($"/api/sites/{id}", new { name = id, timeZone = "UTC" }, cancellationToken);
            put.EnsureSuccessStatusCode();
        }

        await Eventually.Get(
            () => admin.GetFromJsonAsync<JsonArray>("/api/sites", cancellationToken),
            sites => sites?.Count == 2,
            TimeSpan.FromSeconds(10),
            "both sites listed",
            sites => sites?.ToJsonString() ?? "null");

        using var delete = await admin.DeleteAsync("/api/sites/drop", cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var after = (await admin.GetFromJsonAsync<JsonArray>("/api/sites", cancellationToken))!;
        Assert.Equal(["keep"], after.Select(s => (string)s!["id"]!));
    }
}

using System.Text.RegularExpressions;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>An admin registers, tests, changes and removes sites and inverters from the dashboard.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAdminTests(DashboardSilo silo)
{
    [Fact]
    public async Task An_admin_adds_a_site_and_an_inverter_tests_the_pi_sees_it_come_online_changes_it_and_removes_the_site()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.AdminKey);
        var page = session.Page;
        var (zone, latitude, longitude) = DaylightSite.Now();

        await page.GotoAsync("/sites");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a site" }).ClickAsync();
        await page.GetByLabel("Site id").FillAsync("gamma-home");
        await page.GetByLabel("Name").FillAsync("Gamma home");
        await page.GetByLabel("Time zone").FillAsync(zone);
        await page.GetByLabel("Latitude").FillAsync(latitude.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Longitude").FillAsync(longitude.ToString(CultureInfo.InvariantCulture));
        await DashboardSilo.ScreenshotAsync(page, "admin-site");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save site" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/gamma-home$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Add inverter" }).ClickAsync();
        var pi = silo.Simulator.Pis[4].Endpoint;
        await page.GetByLabel("Inverter id").FillAsync("roof");
        await page.GetByLabel("Pi address").FillAsync(pi.Host);
        await page.GetByLabel("Port").FillAsync(pi.Port.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Poll every (seconds)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test this Pi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#probe-title")).ToContainTextAsync("The Pi answered");
        await DashboardSilo.ScreenshotAsync(page, "admin-inverter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save inverter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/gamma-home/inverters/roof$"));

        // The inverter's health arrives by the live stream, without a reload.
        await Assertions.Expect(page.Locator("#inverter-health")).ToHaveTextAsync("online", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit inverter" }).ClickAsync();
        await page.GetByLabel("Poll every (seconds)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save inverter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/gamma-home/inverters/roof$"));
        await Expect(page.Locator("#poll-period")).ToHaveTextAsync("7 s");

        await page.GotoAsync("/sites/gamma-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove site" }).ClickAsync();
        await DashboardSilo.ScreenshotAsync(page, "admin-remove");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove site gamma-home" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites$"));
        using var gone = await silo.Admin.GetAsync(new Uri("/api/sites/gamma-home", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Each_field_shows_the_message_the_api_gives_for_it()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.AdminKey);
        var page = session.Page;

        await page.GotoAsync("/admin/sites/new");
        await page.GetByLabel("Site id").FillAsync("Bad Id!");
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await page.GetByLabel("Latitude").FillAsync("95");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save site" }).ClickAsync();
        var api = await ApiErrors("/api/sites/x", new { name = "", timeZone = "Mars/Olympus", latitude = 95 });
        foreach (var field in new[] { "name", "timeZone", "latitude", "longitude" })
        {
            Assert.Equal(api[field], await page.Locator("#error-" + field).TextContentAsync());
        }

        Assert.StartsWith("must be 1-64 characters", await page.Locator("#error-id").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByLabel("Time zone").GetAttributeAsync("aria-invalid"));

        await page.GotoAsync("/admin/sites/alpha-home/inverters/new");
        await page.GetByLabel("Inverter id").FillAsync("attic");
        await page.GetByLabel("Pi address").FillAsync("169.254.169.254");
        await page.GetByLabel("Port").FillAsync("502");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save inverter" }).ClickAsync();
        var inverterApi = await ApiErrors("/api/sites/alpha-home/inverters/attic", new { host = "169.254.169.254", port = 502 });
        foreach (var field in new[] { "host", "port" })
        {
            Assert.Equal(inverterApi[field], await page.Locator("#error-" + field).TextContentAsync());
        }

        await DashboardSilo.ScreenshotAsync(page, "admin-validation");
    }

    private async Task<Dictionary<string, string>> ApiErrors(string path, object body)
    {
        using var response = await silo.Admin.PutAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>(TestContext.Current.CancellationToken))!["errors"]!.AsObject();
        return errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value!.AsArray().Select(m => (string)m!)), StringComparer.Ordinal);
    }
}

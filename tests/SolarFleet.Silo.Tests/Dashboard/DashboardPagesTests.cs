using System.Text.RegularExpressions;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>The dashboard's pages in a real browser, against a silo polling simulated Pis.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPagesTests(DashboardSilo silo)
{
    [Fact]
    public async Task The_overview_shows_the_same_figures_as_the_api()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;

        // Power and energy move with every poll: read the API, the page, and the API again until the two agree.
        await Eventually.Get(
            async () =>
            {
                var before = await Fleet();
                await page.GotoAsync("/");
                var shown = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (id, field) in Figures)
                {
                    shown[field] = long.Parse(await page.Locator("#" + id).GetAttributeAsync("data-value") ?? "-1", CultureInfo.InvariantCulture);
                }

                var after = await Fleet();
                return (before, shown, after);
            },
            r => Figures.All(f => Matches(r.before, f.Field, r.shown[f.Field]) || Matches(r.after, f.Field, r.shown[f.Field])),
            TimeSpan.FromSeconds(30),
            "the overview's figures to equal GET /api/fleet",
            r => $"page {string.Join(", ", r.shown)}; api {r.after.ToJsonString()}");
        await DashboardSilo.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task A_faulty_inverter_shows_on_the_overview_and_on_its_site_page()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;

        await page.GotoAsync("/");
        Assert.Equal("1", await page.Locator("#health-fault").TextContentAsync());
        var attention = page.Locator("table.sites tr[data-site]");
        Assert.Equal("beta-home", await attention.First.GetAttributeAsync("data-site"));
        Assert.Contains("fault", await attention.First.InnerTextAsync(), StringComparison.Ordinal);

        await attention.First.GetByRole(AriaRole.Link, new() { Name = "Beta home" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/beta-home$"));
        Assert.Equal("fault", await page.Locator("tr[data-inverter='inv-2']").GetAttributeAsync("data-health"));
        Assert.Equal("online", await page.Locator("tr[data-inverter='inv-1']").GetAttributeAsync("data-health"));
        Assert.Contains("Fault (code 12)", await page.Locator("tr[data-inverter='inv-2']").InnerTextAsync(), StringComparison.Ordinal);
        await DashboardSilo.ScreenshotAsync(page, "site");

        await page.Locator("tr[data-inverter='inv-2']").GetByRole(AriaRole.Link, new() { Name = "inv-2" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/beta-home/inverters/inv-2$"));
        Assert.Equal("fault", await page.Locator("#inverter-health").TextContentAsync());
        await DashboardSilo.ScreenshotAsync(page, "inverter");
    }

    [Fact]
    public async Task The_sites_list_is_searched_filtered_and_paged_on_the_server()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;

        // 30 sites, or one more while another test's site is still there: two pages either way.
        var sites = (await silo.Admin.GetFromJsonAsync<JsonArray>("/api/sites", TestContext.Current.CancellationToken))!.Count;
        await page.GotoAsync("/sites");
        Assert.StartsWith($"{sites} sites match · page 1 of 2", await page.Locator("#matched").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(25, await page.Locator("table.sites tbody tr").CountAsync());
        await DashboardSilo.ScreenshotAsync(page, "sites");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"p=2$"));
        Assert.Equal(sites - 25, await page.Locator("table.sites tbody tr").CountAsync());

        await page.GotoAsync("/sites");
        await page.GetByLabel("Health").SelectOptionAsync("fault");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"health=fault"));
        Assert.Equal(["beta-home"], await SiteIds(page));

        await page.GotoAsync("/sites");
        await page.GetByLabel("Search id or name").FillAsync("alpha");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"q=alpha"));
        Assert.Equal(["alpha-home"], await SiteIds(page));

        await page.GotoAsync("/sites?sort=power");
        var ids = await SiteIds(page);
        Assert.Equal(["alpha-home", "beta-home"], ids.Take(2).Order(StringComparer.Ordinal));

        // Yield: the two sites with a nameplate, lowest kWh/kWp first as the API has it, then those without one.
        await page.GotoAsync("/sites");
        await page.GetByLabel("Sort by").SelectOptionAsync("yield");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=yield"));
        var rated = (await silo.Admin.GetFromJsonAsync<JsonArray>("/api/sites", TestContext.Current.CancellationToken))!
            .Where(s => s!["yieldToday"] is not null)
            .Select(s => (Id: (string)s!["id"]!, Yield: (double)s["yieldToday"]!))
            .OrderBy(s => s.Yield).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["alpha-home", "beta-home"], rated.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(rated.Select(s => s.Id), (await SiteIds(page)).Take(2));
        var shown = await page.Locator("tr[data-site='alpha-home'] td").Nth(3).TextContentAsync();
        Assert.EndsWith(" kWh/kWp", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_visit_finds_every_file_the_page_asks_for_its_icon_too()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failed)
                {
                    failed.Add($"{response.Status} {response.Url}");
                }
            }
        };

        var icon = page.WaitForResponseAsync(r => r.Url.Contains("/dashboard/icon.svg", StringComparison.Ordinal));
        await page.GotoAsync("/");
        Assert.Equal(200, (await icon).Status);
        lock (failed)
        {
            Assert.Empty(failed);
        }
    }

    [Fact]
    public async Task Figures_update_without_a_reload()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;
        await page.GotoAsync("/sites/alpha-home");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await page.WaitForFunctionAsync("() => document.body.dataset.liveAt !== undefined", null, new() { Timeout = 15_000 });
        var first = await page.EvaluateAsync<string>("() => document.body.dataset.liveAt");
        await page.WaitForFunctionAsync($"() => document.body.dataset.liveAt !== '{first}'", null, new() { Timeout = 15_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Matches(@"^\d+(\.\d+)? k?W$", await page.Locator("#site-power").TextContentAsync());
    }

    [Fact]
    public async Task The_main_pages_work_by_keyboard()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;
        await page.GotoAsync("/");

        // The first Tab reaches the skip link, which moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await page.GotoAsync("/");
        await TabTo(page, "Sites");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites$"));

        await TabTo(page, "Search id or name");
        await page.Keyboard.TypeAsync("beta");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"q=beta"));
        Assert.Equal(["beta-home"], await SiteIds(page));

        await TabTo(page, "Beta home");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/beta-home$"));

        await page.GotoAsync("/");
        await TabTo(page, "Alerts");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/alerts$"));
        await DashboardSilo.ScreenshotAsync(page, "alerts");
    }

    [Fact]
    public async Task Pages_fit_a_360_pixel_wide_screen()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey, width: 360);
        var page = session.Page;
        foreach (var path in new[] { "/", "/sites", "/sites/beta-home", "/sites/beta-home/inverters/inv-2", "/alerts" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 360 px");
        }

        await page.GotoAsync("/sites/beta-home");
        await DashboardSilo.ScreenshotAsync(page, "site-360");
    }

    private static readonly (string Id, string Field)[] Figures =
    [
        ("fleet-power", "powerW"), ("fleet-energy", "energyTodayWh"), ("fleet-sites", "sites"), ("fleet-inverters", "inverters"),
        ("health-online", "health.online"), ("health-fault", "health.fault"), ("health-unreachable", "health.unreachable"),
        ("fleet-sites-with-problems", "sitesWithProblems"),
    ];

    private static bool Matches(JsonNode fleet, string field, long shown) =>
        field.Split('.').Aggregate((JsonNode?)fleet, (node, name) => node?[name]) is { } value && (long)value == shown;

    private async Task<JsonNode> Fleet() =>
        (await silo.Admin.GetFromJsonAsync<JsonNode>("/api/fleet", TestContext.Current.CancellationToken))!;

    private static async Task<string[]> SiteIds(IPage page)
    {
        var rows = page.Locator("table.sites tbody tr");
        var ids = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            ids.Add(await rows.Nth(i).GetAttributeAsync("data-site") ?? "");
        }

        return [.. ids];
    }

    /// <summary>Presses Tab until the focused element is named <paramref name="name"/> (its text or its label).</summary>
    private static async Task TabTo(IPage page, string name)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent || '').trim(); }");
            if (focused == name)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached '{name}'.");
    }
}

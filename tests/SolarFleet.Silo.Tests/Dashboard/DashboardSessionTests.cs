using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>Signing in with an API key, the session cookie, and what each role may do.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardSessionTests(DashboardSilo silo)
{
    [Fact]
    public async Task Without_a_session_every_page_asks_for_a_key_and_a_wrong_key_is_refused()
    {
        await using var session = await silo.PageAsync(key: null);
        var page = session.Page;

        await page.GotoAsync("/sites/beta-home");
        Assert.Contains("/signin?ReturnUrl=%2Fsites%2Fbeta-home", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("API key").FillAsync("not-a-key-of-this-silo-0123456789");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That key is not one this silo knows.");
        await DashboardSilo.ScreenshotAsync(page, "signin");

        await page.GetByLabel("API key").FillAsync(SolarFleetFactory.ReaderKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sites/beta-home$"));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict_and_holds_no_key()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.AdminKey);
        var page = session.Page;

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "solarfleet.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(SolarFleetFactory.AdminKey, cookie.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin$"));
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_sees_no_admin_actions_and_cannot_open_them()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;

        await page.GotoAsync("/sites/beta-home");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Edit site" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Add inverter" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Remove site" }).CountAsync());
        await page.GotoAsync("/alerts");
        Assert.True(await page.Locator("tr[data-kind='fault']").CountAsync() > 0);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).CountAsync());
        await page.GotoAsync("/sites");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Add a site" }).CountAsync());

        foreach (var admin in AdminPages)
        {
            await page.GotoAsync(admin);
            Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("That page needs an admin key.");
        }
    }

    private static readonly string[] AdminPages =
    [
        "/admin/sites/new", "/admin/sites/beta-home/edit", "/admin/sites/beta-home/remove", "/admin/sites/beta-home/inverters/new",
        "/admin/sites/beta-home/inverters/inv-1/edit", "/admin/sites/beta-home/inverters/inv-1/remove", "/admin/alerts/any-alert/acknowledge",
    ];

    [Fact]
    public async Task An_admin_acknowledges_an_alert_from_the_alerts_page()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.AdminKey);
        var page = session.Page;
        await page.GotoAsync("/sites/beta-home");
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Edit site" }).CountAsync());

        await page.GotoAsync("/alerts?kind=fault");
        var row = page.Locator("tr[data-kind='fault']").First;
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/alerts\?kind=fault$"));
        await Assertions.Expect(page.Locator("tr[data-kind='fault']").First).ToContainTextAsync("acknowledged by admin");
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>The site page's charts in a real browser: today's power curve and the energy bars, figure for figure the API's.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SiteChartsTests(DashboardSilo silo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_site_page_draws_todays_power_curve_from_the_stored_readings_with_the_apis_figures()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;

        // The current slot moves with every poll: read the API, the page, and the API again until the page is one of them.
        var read = await Eventually.Get(
            async () =>
            {
                var before = await ApiSlots();
                await page.GotoAsync("/sites/beta-home");
                var rows = await Rows(page.Locator("table.slots tbody tr"), "data-start", "data-power-w");
                return (rows, before, after: await ApiSlots());
            },
            r => r.rows.SequenceEqual(r.before) || r.rows.SequenceEqual(r.after),
            TimeSpan.FromSeconds(30),
            "the page's slots to equal GET /api/sites/beta-home/power",
            r => $"page {string.Join(", ", r.rows)}; api {string.Join(", ", r.after)}");
        var shown = read.rows;

        // The scripted morning, from 06:00 every five minutes, and the live polls since.
        Assert.True(shown.Length >= 12, $"only {shown.Length} slots with readings: {string.Join(", ", shown)}");
        var chart = page.Locator("svg[data-chart='power']");
        Assert.True(await chart.Locator("path.line").CountAsync() >= 1);
        var zone = (string)(await silo.Admin.GetFromJsonAsync<JsonNode>("/api/sites/beta-home", Token))!["timeZone"]!;
        Assert.Contains(zone, await chart.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(["00:00", "06:00", "12:00", "18:00", "24:00"], await Texts(chart.Locator("g > text[text-anchor]")));
        Assert.StartsWith("Highest ", await chart.Locator("desc").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_page_draws_30_daily_and_this_years_monthly_bars_equal_to_the_energy_report_with_incomplete_days_marked()
    {
        await using var session = await silo.PageAsync(SolarFleetFactory.ReaderKey);
        var page = session.Page;
        var today = DateOnly.Parse((string)(await silo.Admin.GetFromJsonAsync<JsonNode>("/api/sites/beta-home", Token))!["localDate"]!, CultureInfo.InvariantCulture);
        var days = $"/api/sites/beta-home/energy?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var months = $"/api/sites/beta-home/energy?from={today.Year}-01-01&to={today.Year}-12-31&interval=month";

        // Today's energy grows with every poll, and this month's with it.
        var shown = await Eventually.Get(
            async () =>
            {
                var before = (await Bars(days), await Bars(months));
                await page.GotoAsync("/sites/beta-home");
                var rows = (await Rows(page.Locator("svg[data-chart='days'] rect.bar"), "data-period", "data-energy-wh", "data-state"),
                    await Rows(page.Locator("svg[data-chart='months'] rect.bar"), "data-period", "data-energy-wh", "data-state"));
                return (rows, before, after: (await Bars(days), await Bars(months)));
            },
            r => Same(r.rows, r.before) || Same(r.rows, r.after),
            TimeSpan.FromSeconds(30),
            "the bars to equal the energy report's days and months",
            r => $"page days {string.Join(", ", r.rows.Item1)}; api days {string.Join(", ", r.after.Item1)}; page months {string.Join(", ", r.rows.Item2)}; api months {string.Join(", ", r.after.Item2)}");

        Assert.Equal(30, shown.rows.Item1.Length);
        Assert.Equal(today.Month, shown.rows.Item2.Length);
        foreach (var ago in new[] { ScriptedHistory.PartDaysAgo, ScriptedHistory.MissingDaysAgo, 0 })
        {
            var period = today.AddDays(-ago).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal("incomplete", await page.Locator($"svg[data-chart='days'] rect.bar[data-period='{period}']").GetAttributeAsync("data-state"));
            Assert.Equal(1, await page.Locator($"svg[data-chart='days'] rect.mark[data-period='{period}']").CountAsync());
        }

        var whole = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal("complete", await page.Locator($"svg[data-chart='days'] rect.bar[data-period='{whole}']").GetAttributeAsync("data-state"));
        Assert.Equal(0, await page.Locator($"svg[data-chart='days'] rect.mark[data-period='{whole}']").CountAsync());
        Assert.Contains("incomplete", await page.Locator("svg[data-chart='days'] desc").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_power_api_names_a_bad_date_and_does_not_know_a_site_that_does_not_exist()
    {
        using var bad = await silo.Admin.GetAsync("/api/sites/beta-home/power?date=2026-13-01", Token);
        using var unknown = await silo.Admin.GetAsync("/api/sites/no-such-site/power", Token);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["date"], await bad.ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string[]> ApiSlots()
    {
        var curve = (await silo.Admin.GetFromJsonAsync<JsonNode>("/api/sites/beta-home/power", Token))!;
        return [.. curve["slots"]!.AsArray()
            .Where(s => s!["powerW"] is not null)
            .Select(s => $"{DateTimeOffset.Parse((string)s!["start"]!, CultureInfo.InvariantCulture).ToUniversalTime():O}|{(long)s["powerW"]!}")];
    }

    /// <summary>The report's periods that have begun, as the bars carry them: period, energy, complete or not.</summary>
    private async Task<string[]> Bars(string path) =>
        [.. (await silo.Admin.GetFromJsonAsync<JsonArray>(path, Token))!
            .Where(r => (string)r!["periodStatus"]! != "future")
            .Select(r => $"{(string)r!["period"]!}|{(long)r["energyWh"]!}|{((bool)r["complete"]! ? "complete" : "incomplete")}")];

    private static bool Same((string[] Days, string[] Months) page, (string[] Days, string[] Months) api) =>
        page.Days.SequenceEqual(api.Days) && page.Months.SequenceEqual(api.Months);

    private static async Task<string[]> Rows(ILocator rows, params string[] attributes)
    {
        var result = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var values = new List<string>();
            foreach (var attribute in attributes)
            {
                var value = await rows.Nth(i).GetAttributeAsync(attribute) ?? "";
                values.Add(attribute == "data-start" ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : value);
            }

            result.Add(string.Join('|', values));
        }

        return [.. result];
    }

    private static async Task<string[]> Texts(ILocator locator) => [.. (await locator.AllTextContentsAsync()).Select(t => t.Trim())];
}

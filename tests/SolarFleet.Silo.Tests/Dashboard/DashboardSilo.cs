using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>
/// A real silo listening on a loopback port, with simulated Pis at a site where it is midday, and a headless Chromium.
/// Sites: alpha-home (two healthy Pis), beta-home (one healthy, one reporting a fault, with <see cref="ScriptedHistory"/>
/// before the silo started), and 28 sites without inverters, so that the list has two pages.
/// </summary>
public sealed class DashboardSilo : IAsyncLifetime
{
    public const int FillerSites = 28;

    public SolarFleetFactory Factory { get; } = new SolarFleetFactory()
        .With("SolarFleet:Grains:JitterFirstPoll", "false")
        .With("urls", "http://127.0.0.1:0")
        .With("SolarFleet:Alerts:Timing:Fault:RaiseAfter", "00:00:00");

    public PiSimulator Simulator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright _playwright = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = 5, Sites = [DaylightSite.Simulated("dashboard")] }, TimeProvider.System, cancellationToken: cancellationToken);
        Simulator.Pis[3].Faults = PiFaults.Of(PiFaultModes.FaultStatus);
        Factory.UseKestrel();
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.First());
        var liveSince = DateTimeOffset.UtcNow;
        Admin = new HttpClient { BaseAddress = Address };
        Admin.DefaultRequestHeaders.Add("X-Api-Key", SolarFleetFactory.AdminKey);

        await PutSite("alpha-home", "Alpha home", 4_000, 0, 1);
        await PutSite("beta-home", "Beta home", 1_500, 2, 3);
        var beta = await Admin.GetFromJsonAsync<JsonNode>("/api/sites/beta-home", cancellationToken);
        ScriptedHistory.Write(Factory.Services, "beta-home", ["inv-1", "inv-2"], (string)beta!["timeZone"]!, liveSince);
        for (var i = 1; i <= FillerSites; i++)
        {
            await PutSite(string.Create(CultureInfo.InvariantCulture, $"filler-{i:00}"), string.Create(CultureInfo.InvariantCulture, $"Filler {i:00}"), dcCapacityW: null);
        }

        await Eventually.Get(
            () => Admin.GetFromJsonAsync<JsonNode>("/api/fleet", cancellationToken),
            fleet => (int?)fleet?["health"]?["online"] == 3 && (int?)fleet?["health"]?["fault"] == 1,
            TimeSpan.FromSeconds(60),
            "three inverters online and one faulty",
            fleet => fleet?.ToJsonString() ?? "null");
        (_playwright, Browser) = await Infrastructure.Browser.LaunchAsync();

        // Two shared cores: a page can take a few seconds while other builds run.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A new browser session at 1280 px, signed in with the key (or not signed in).</summary>
    public async Task<BrowserSession> PageAsync(string? key, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        if (key is not null)
        {
            await page.GotoAsync("/signin");
            await page.GetByLabel("API key").FillAsync(key);
            var started = Stopwatch.StartNew();
            var navigations = new ConcurrentQueue<string>();
            page.Response += (_, response) =>
            {
                if (response.Request.IsNavigationRequest)
                {
                    navigations.Enqueue($"{response.Request.Method} {response.Url} {response.Status} at {started.ElapsedMilliseconds} ms");
                }
            };
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
            }
            catch (TimeoutException e)
            {
                // Say where the browser stands: which answer it got, and what the page shows.
                var shown = await page.InnerTextAsync("main", new() { Timeout = 5_000 }).ConfigureAwait(false);
                throw new TimeoutException($"Sign-in stayed at {page.Url} for {started.ElapsedMilliseconds} ms; navigations: [{string.Join("; ", navigations)}]; page: {shown}", e);
            }
        }

        return new BrowserSession(context, page);
    }

    /// <summary>Where a test's screenshot goes when SOLARFLEET_SCREENSHOTS names a folder (docs/images for the docs).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SOLARFLEET_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Admin?.Dispose();
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    private async Task PutSite(string id, string name, int? dcCapacityW, params int[] pis)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (zone, latitude, longitude) = DaylightSite.Now();
        using var site = await Admin.PutAsJsonAsync($"/api/sites/{id}", new { name, timeZone = zone, latitude, longitude }, cancellationToken);
        site.EnsureSuccessStatusCode();
        foreach (var (pi, n) in pis.Select((pi, n) => (pi, n)))
        {
            var endpoint = Simulator.Pis[pi].Endpoint;
            using var inverter = await Admin.PutAsJsonAsync(
                $"/api/sites/{id}/inverters/inv-{n + 1}", new { host = endpoint.Host, port = endpoint.Port, pollSeconds = 5, dcCapacityW }, cancellationToken);
            inverter.EnsureSuccessStatusCode();
        }
    }
}

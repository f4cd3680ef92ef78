using System.Text.Json;
using Microsoft.Playwright;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// Loads dashboard pages in Debian's Chromium, driven by Playwright (never a downloaded browser), signed in with the
/// reader's session cookie. Each page gets a new browser context, so its first visit finds an empty cache; the
/// visits after it reuse the context, as a person moving about the dashboard would.
/// </summary>
public static class BrowserCheck
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>
    /// Read after the load event: the first and largest contentful paints from buffered observers (Chromium reports
    /// both headless; a paint can come after load on a busy machine, so each is awaited up to 5 s, then 200 ms more for
    /// a later largest candidate; null if none came), the navigation's timing, bytes by transfer, the requests the
    /// page's resources made (with the favicon, which Playwright's request events leave out) and which of them failed.
    /// </summary>
    private const string Measure = """
        async () => {
          const paint = (type, name) => new Promise(resolve => {
            let last = null;
            let timer = setTimeout(() => resolve(last), 5000);
            try {
              new PerformanceObserver(list => {
                const entries = list.getEntries().filter(e => !name || e.name === name);
                if (!entries.length) return;
                last = entries[entries.length - 1].startTime;
                clearTimeout(timer);
                timer = setTimeout(() => resolve(last), 200);
              }).observe({ type, buffered: true });
            } catch { clearTimeout(timer); resolve(null); }
          });
          const [fcp, lcp] = await Promise.all([paint('paint', 'first-contentful-paint'), paint('largest-contentful-paint')]);
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          return {
            fcp, lcp,
            responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
            bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0), html: nav.encodedBodySize,
            resources: resources.map(r => r.name), failed: resources.filter(r => r.responseStatus >= 400).map(r => r.name)
          };
        }
        """;

    public static async Task<BrowserReport> RunAsync(Uri baseAddress, IReadOnlyList<System.Net.Cookie> session, IReadOnlyList<string> paths, int visitsEach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium package (apt-get install chromium); the benchmark never downloads a browser.");
        }

        using var playwright = await Playwright.CreateAsync();

        // Chromium's sandbox refuses to run as root.
        var args = Environment.UserName == "root" ? new[] { "--no-sandbox" } : [];
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Args = args, Headless = true });
        var visits = new List<PageVisit>();
        foreach (var path in paths)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await context.AddCookiesAsync(session.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = baseAddress.ToString() }));
            for (var visit = 0; visit < visitsEach; visit++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                visits.Add(await VisitAsync(context, path, cold: visit == 0));
            }
        }

        return new BrowserReport($"Chromium {browser.Version}", "largest-contentful-paint (PerformanceObserver), else first-contentful-paint", visits);
    }

    private static async Task<PageVisit> VisitAsync(IBrowserContext context, string path, bool cold)
    {
        var page = await context.NewPageAsync();
        try
        {
            // Playwright raises its events on its own thread.
            var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Request += (_, request) => requests.Enqueue(new Uri(request.Url).PathAndQuery);
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            if (response is not { Ok: true } || new Uri(page.Url).AbsolutePath != path.Split('?')[0])
            {
                throw new InvalidOperationException($"The browser's {path} answered {response?.Status} at {page.Url}.");
            }

            var figures = await page.EvaluateAsync<JsonElement>(Measure);
            return new PageVisit(
                path,
                cold,
                Number(figures, "fcp"),
                Number(figures, "lcp"),
                figures.GetProperty("responseEnd").GetDouble(),
                figures.GetProperty("domContentLoaded").GetDouble(),
                figures.GetProperty("load").GetDouble(),
                (long)figures.GetProperty("bytes").GetDouble(),
                (long)figures.GetProperty("html").GetDouble(),
                [.. requests.Concat(Paths(figures, "resources")).Distinct(StringComparer.Ordinal)],
                Paths(figures, "failed"));
        }
        finally
        {
            // A page left open keeps its live stream, and Chromium opens at most six connections to one host.
            await page.CloseAsync();
        }
    }

    private static List<string> Paths(JsonElement figures, string name) =>
        [.. figures.GetProperty(name).EnumerateArray().Select(url => new Uri(url.GetString()!).PathAndQuery)];

    private static double? Number(JsonElement figures, string name) =>
        figures.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}

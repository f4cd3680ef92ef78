using Microsoft.Playwright;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>
/// One browser context and its page, closed at the end of a test: a page left open keeps its live stream, and
/// Chromium allows only six connections to one host.
/// </summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

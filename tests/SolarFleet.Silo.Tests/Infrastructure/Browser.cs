using Microsoft.Playwright;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. The tests never download a browser: .ci/run installs the distribution's
/// package, and Playwright is pointed at its executable.
/// </summary>
public static class Browser
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"{Executable} is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does.");
        }

        var playwright = await Playwright.CreateAsync();

        // Chromium's sandbox refuses to run as root, which CI is.
        var args = Environment.UserName == "root" ? new[] { "--no-sandbox" } : [];
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Args = args, Headless = true });
        return (playwright, browser);
    }
}

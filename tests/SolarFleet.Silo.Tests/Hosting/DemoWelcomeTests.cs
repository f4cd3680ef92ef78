using SolarFleet.Silo.Demo;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>A newcomer starting --demo finds the dashboard's address, and the key to sign in with, at the end of the output.</summary>
public sealed class DemoWelcomeTests
{
    [Fact]
    public void The_last_lines_are_the_generated_admin_key_and_then_the_dashboard_address()
    {
        var console = new StringWriter();

        new DemoWelcome("0123456789abcdef0123").Print(["http://localhost:5080"], console);

        var lines = console.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal("Demo admin API key (X-Api-Key, or sign in to the dashboard with it): 0123456789abcdef0123", lines[^2]);
        Assert.Equal("SolarFleet dashboard: http://localhost:5080/", lines[^1]);
    }

    [Fact]
    public void A_wildcard_listen_address_is_shown_as_one_a_browser_opens_and_a_configured_key_is_not_shown()
    {
        var console = new StringWriter();

        new DemoWelcome(generatedAdminKey: null).Print(["http://+:8080"], console);

        Assert.Equal("SolarFleet dashboard: http://localhost:8080/", console.ToString().Trim());
    }
}

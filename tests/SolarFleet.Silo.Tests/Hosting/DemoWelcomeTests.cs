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
    public void Before_the_key_it_says_how_to_run_a_pi_of_ones_own_at_a_demo_home_on_the_demos_clock()
    {
        var home = new DemoSite("tokyo-sato", "Sato residence, Tokyo", 35.68, 139.69, "Asia/Tokyo");
        var console = new StringWriter();

        new DemoWelcome("key", new DemoNewcomerPi(home, TimeProvider.System)).Print(["http://localhost:5080"], console);

        var text = console.ToString();
        Assert.Contains("-- --base-port 62000 --lat 35.68 --lon 139.69 --tz Asia/Tokyo" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("then add 127.0.0.1:62000 to Sato residence, Tokyo (tokyo-sato).", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("--tz", StringComparison.Ordinal) < text.IndexOf("Demo admin API key", StringComparison.Ordinal));
        Assert.EndsWith("SolarFleet dashboard: http://localhost:5080/", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sped_up_demo_tells_the_pi_its_speed_and_the_instant_it_runs_faster_from()
    {
        var home = new DemoSite("tokyo-sato", "Sato residence, Tokyo", 35.68, 139.69, "Asia/Tokyo");
        var clock = new SolarFleet.Simulator.Time.AcceleratedTimeProvider(TimeProvider.System, 60, new DateTimeOffset(2026, 6, 1, 1, 2, 3, TimeSpan.Zero));

        Assert.EndsWith("--tz Asia/Tokyo --speed 60 --since 2026-06-01T01:02:03.000Z", new DemoNewcomerPi(home, clock).Command, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wildcard_listen_address_is_shown_as_one_a_browser_opens_and_a_configured_key_is_not_shown()
    {
        var console = new StringWriter();

        new DemoWelcome(generatedAdminKey: null).Print(["http://+:8080"], console);

        Assert.Equal("SolarFleet dashboard: http://localhost:8080/", console.ToString().Trim());
    }
}

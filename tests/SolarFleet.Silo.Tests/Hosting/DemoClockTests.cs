using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Silo.Demo;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>The demo keeps the clock a Pi started on its own keeps, and polls as often as it says it does.</summary>
public sealed class DemoClockTests
{
    private static SolarFleetFactory Demo() => new SolarFleetFactory()
        .With("SolarFleet:Demo:Enabled", "true"); // base port 0: free ports probed, so parallel tests' Pis never collide

    [Fact]
    public async Task A_pi_started_on_its_own_clock_at_a_demo_home_and_added_to_it_shows_online()
    {
        await using var factory = Demo();
        using var admin = factory.Client(SolarFleetFactory.AdminKey);
        var home = factory.Services.GetRequiredService<DemoFleetPlan>().Sites[0];

        // The newcomer's Pi: the simulator's own process, on real time, told where the home is.
        await using var newcomer = await RangeSimulator.StartAsync(1, new SimulatedSite("newcomer", home.Latitude, home.Longitude, home.TimeZone), TimeProvider.System);
        var pi = newcomer.Pis[0].Endpoint;
        using var added = await admin.Put($"/api/sites/{home.Id}/inverters/newcomer", new { host = pi.Host, port = pi.Port, pollSeconds = 5 });
        Assert.True(added.IsSuccessStatusCode, $"{(int)added.StatusCode}");

        await Eventually.Get(
            () => admin.GetJson($"/api/sites/{home.Id}/inverters/newcomer"),
            j => (string?)j["health"] == "online",
            TimeSpan.FromSeconds(60),
            "the newcomer's Pi to show online",
            j => $"{j["health"]} ({j["lastError"]})");

        // And it stays online: a clock that disagreed would turn it stale or asleep after a few polls.
        await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
        var later = await admin.GetJson($"/api/sites/{home.Id}/inverters/newcomer");
        Assert.Equal("online", (string?)later["health"]);
    }

    [Fact]
    public async Task The_demo_polls_a_pi_no_more_often_than_the_period_it_reports()
    {
        await using var factory = Demo();
        using var anonymous = factory.Client(null);
        var plan = factory.Services.GetRequiredService<DemoFleetPlan>();
        var site = plan.Sites[0].Id;
        var inverter = DemoFleetPlan.InverterId(0);
        var reported = await Eventually.Get(
            () => anonymous.GetJson($"/api/sites/{site}/inverters/{inverter}"),
            j => (string?)j["health"] == "online",
            TimeSpan.FromSeconds(60),
            "the first demo inverter to be polled");
        var period = TimeSpan.FromSeconds((int)reported["pollSeconds"]!);
        var pi = factory.Services.GetRequiredService<DemoFleet>().Simulator!.Pis[0];

        var before = pi.QueriesAnswered;
        var window = TimeSpan.FromSeconds(10);
        await Task.Delay(window, TestContext.Current.CancellationToken);
        var answers = pi.QueriesAnswered - before;

        // A poll asks the eight queries: one poll per period, and one more for where the window falls. Polling 60x
        // faster than reported would be hundreds of answers.
        const long QueriesPerPoll = 8;
        Assert.InRange(answers, 0L, QueriesPerPoll * ((long)Math.Ceiling(window / period) + 1));
    }
}

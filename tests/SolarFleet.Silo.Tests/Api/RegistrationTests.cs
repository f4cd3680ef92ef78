using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

public sealed class RegistrationTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_registered_inverter_is_polled_at_once_and_its_site_and_the_fleet_roll_it_up()
    {
        using (var site = await host.Admin.Put("/api/sites/reg-home", SiloWithSimulator.SiteBody()))
        {
            Assert.Equal(HttpStatusCode.Created, site.StatusCode);
        }

        using (var inverter = await host.Admin.Put("/api/sites/reg-home/inverters/roof", host.InverterBody(0)))
        {
            Assert.Equal(HttpStatusCode.Created, inverter.StatusCode);
            Assert.Equal("/api/sites/reg-home/inverters/roof", inverter.Headers.Location?.OriginalString);
        }

        var online = await Eventually.Get(
            () => host.Reader.GetJson("/api/sites/reg-home/inverters/roof"),
            j => (string?)j["health"] == "online",
            PollWait,
            "the inverter to be online");
        var truth = host.Simulator.Pis[0].Reading;
        Assert.Equal("Generating", (string?)online["statusText"]);
        Assert.Equal(7, (int?)online["statusCode"]);
        Assert.InRange((int)online["powerW"]!, 1, 4000);
        Assert.InRange((double)online["gridVoltageV"]!, 230, 250);
        Assert.InRange((double)online["gridFrequencyHz"]!, 59.9, 60.1);
        Assert.NotNull((string?)online["timestamp"]);
        Assert.NotNull((string?)online["lastSuccessAt"]);
        Assert.Equal(0, (int)online["consecutiveFailures"]!);
        Assert.InRange((long)online["energyTodayWh"]!, 0, truth.PowerTodayWh);

        var site2 = await Eventually.Get(
            () => host.Reader.GetJson("/api/sites/reg-home"),
            j => (long)j["powerW"]! > 0,
            PollWait,
            "the site roll-up to show power");
        Assert.Equal(1, (int)site2["inverters"]!);
        Assert.Equal(1, (int)site2["health"]!["online"]!);

        var fleet = await Eventually.Get(
            () => host.Reader.GetJson("/api/fleet"),
            j => (long)j["powerW"]! > 0,
            PollWait,
            "the fleet roll-up to show power");
        Assert.True((int)fleet["inverters"]! >= 1);

        var list = await host.Reader.GetJson("/api/sites/reg-home/inverters");
        Assert.Equal("roof", (string?)Assert.Single(list.AsArray())!["id"]);
    }

    [Fact]
    public async Task Changing_and_removing_take_effect_at_once_and_are_idempotent()
    {
        (await host.Admin.Put("/api/sites/change-home", SiloWithSimulator.SiteBody())).Dispose();
        (await host.Admin.Put("/api/sites/change-home/inverters/a", host.InverterBody(1))).Dispose();

        using (var again = await host.Admin.Put("/api/sites/change-home/inverters/a", host.InverterBody(1)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var moved = await host.Admin.Put("/api/sites/change-home/inverters/a", host.InverterBody(2, pollSeconds: 30)))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var body = await moved.Json();
            Assert.Equal(host.Simulator.Pis[2].Endpoint.Port, (int)body["port"]!);
            Assert.Equal(30, (int)body["pollSeconds"]!);
        }

        using (var removed = await host.Admin.Delete("/api/sites/change-home/inverters/a"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var gone = await host.Reader.Get("/api/sites/change-home/inverters/a"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var removeAgain = await host.Admin.Delete("/api/sites/change-home/inverters/a"))
        {
            Assert.Equal(HttpStatusCode.NotFound, removeAgain.StatusCode);
        }

        using (var siteRemoved = await host.Admin.Delete("/api/sites/change-home"))
        {
            Assert.Equal(HttpStatusCode.NoContent, siteRemoved.StatusCode);
        }

        using var siteGone = await host.Reader.Get("/api/sites/change-home");
        Assert.Equal(HttpStatusCode.NotFound, siteGone.StatusCode);
        Assert.Equal("application/problem+json", siteGone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unreachable_pi_shows_as_a_problem_with_its_error()
    {
        host.Simulator.Pis[3].Faults = SolarFleet.Simulator.Faults.PiFaults.Of(SolarFleet.Simulator.Faults.PiFaultModes.RefuseConnections);
        (await host.Admin.Put("/api/sites/down-home", SiloWithSimulator.SiteBody())).Dispose();
        (await host.Admin.Put("/api/sites/down-home/inverters/dead", host.InverterBody(3))).Dispose();

        var inverter = await Eventually.Get(
            () => host.Reader.GetJson("/api/sites/down-home/inverters/dead"),
            j => (string?)j["health"] == "unreachable",
            TimeSpan.FromSeconds(60),
            "the inverter to be unreachable");
        Assert.Contains("refused", (string?)inverter["lastError"], StringComparison.OrdinalIgnoreCase);

        var problems = await Eventually.Get(
            () => host.Reader.GetJson("/api/problems"),
            j => j.AsArray().Any(p => (string?)p!["inverterId"] == "dead"),
            TimeSpan.FromSeconds(30),
            "the fleet problem list to name the inverter");
        var problem = problems.AsArray().First(p => (string?)p!["inverterId"] == "dead")!;
        Assert.Equal("unreachable", (string?)problem["health"]);

        var siteProblems = await host.Reader.GetJson("/api/sites/down-home/problems");
        Assert.Single(siteProblems.AsArray());
    }
}

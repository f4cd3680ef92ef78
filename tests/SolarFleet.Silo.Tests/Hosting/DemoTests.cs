using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_fleet_is_registered_and_producing_with_its_faulty_and_unreachable_inverters_flagged()
    {
        await using var factory = new SolarFleetFactory().With("SolarFleet:Demo:Enabled", "true");
        using var anonymous = factory.Client(null);

        var fleet = await Eventually.Get(
            () => anonymous.GetJson("/api/fleet"),
            j => (long)j["powerW"]! > 0 && (int)j["health"]!["fault"]! == 1 && (int)j["health"]!["unreachable"]! == 1,
            TimeSpan.FromSeconds(90),
            "the demo fleet to produce, with one fault and one unreachable inverter");

        Assert.True((int)fleet["sites"]! >= 3);
        Assert.True((int)fleet["inverters"]! >= 12);
        Assert.True((long)fleet["energyTodayWh"]! > 0);
        var sites = await anonymous.GetJson("/api/sites");
        Assert.True(sites.AsArray().Select(s => (string)s!["timeZone"]!).Distinct(StringComparer.Ordinal).Count() >= 2);
        var problems = await anonymous.GetJson("/api/problems");
        Assert.Equal(["fault", "unreachable"], problems.AsArray().Select(p => (string)p!["health"]!).Order(StringComparer.Ordinal));
    }
}

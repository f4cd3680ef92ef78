using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Grains.Tests.Support;

/// <summary>Registers simulated Pis with the grains: each simulated site becomes a site, each Pi an inverter of it.</summary>
public static class Simulated
{
    public static readonly SimulatedSite PaloAlto = SimulatedSite.Default;
    public static readonly SimulatedSite Berlin = new("berlin", 52.5, 13.4, "Europe/Berlin");
    public static readonly SimulatedSite Tokyo = new("tokyo", 35.7, 139.7, "Asia/Tokyo");
    public static readonly SimulatedSite NewYork = new("new-york", 40.7, -74.0, "America/New_York");

    public static string InverterId(SimulatedPi pi) => $"pi-{pi.Index}";

    public static async Task RegisterAsync(GrainCluster cluster, PiSimulator simulator, int pollSeconds = InverterSettings.DefaultPollSeconds)
    {
        foreach (var site in simulator.Pis.Select(pi => pi.Site).Distinct())
        {
            await cluster.Site(site.Name).Configure(new SiteSettings(site.Name, site.TimeZoneId, site.Latitude, site.Longitude));
        }

        foreach (var pi in simulator.Pis)
        {
            await cluster.Site(pi.Site.Name).UpsertInverter(InverterId(pi), Settings(pi, pollSeconds));
        }
    }

    public static InverterSettings Settings(SimulatedPi pi, int pollSeconds = InverterSettings.DefaultPollSeconds) =>
        new(pi.Endpoint.Host, pi.Endpoint.Port, pollSeconds);

    /// <summary>Waits until every Pi's inverter applied a poll at or after <paramref name="at"/>.</summary>
    public static async Task PolledAsync(GrainCluster cluster, PiSimulator simulator, DateTimeOffset at)
    {
        foreach (var pi in simulator.Pis)
        {
            await cluster.PolledAsync(pi.Site.Name, InverterId(pi), at);
        }
    }

    public static DateOnly LocalDate(SimulatedSite site, DateTimeOffset at) => DateOnly.FromDateTime(site.LocalTime(at));
}

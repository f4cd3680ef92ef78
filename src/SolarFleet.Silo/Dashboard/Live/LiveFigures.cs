using System.Globalization;
using SolarFleet.Abstractions.Health;
using SolarFleet.Silo.Dashboard.Display;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Live;

/// <summary>
/// The figures a page shows, as the page prints them, keyed by the <c>data-live</c> name of their element: the live
/// stream sends these so that a page never shows a figure formatted two ways.
/// </summary>
public sealed class LiveFigures(FleetReads reads)
{
    public async Task<Dictionary<string, string>> FleetAsync()
    {
        var fleet = await reads.SummaryAsync();
        var figures = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fleet.power"] = Units.Power(fleet.PowerW),
            ["fleet.energyToday"] = Units.Energy(fleet.EnergyTodayWh),
            ["fleet.sites"] = fleet.Sites.ToString(CultureInfo.InvariantCulture),
            ["fleet.inverters"] = fleet.Inverters.ToString(CultureInfo.InvariantCulture),
            ["fleet.sitesWithProblems"] = fleet.SitesWithProblems.ToString(CultureInfo.InvariantCulture),
        };
        AddHealth(figures, "fleet", fleet.Health);
        return figures;
    }

    /// <summary>The site's figures and each inverter's power, energy and health; null once the site is gone.</summary>
    public async Task<Dictionary<string, string>?> SiteAsync(string siteId)
    {
        if (await reads.LiveSiteAsync(siteId) is not { } site)
        {
            return null;
        }

        var summary = site.Summary;
        var figures = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["site.power"] = Units.Power(summary.PowerW),
            ["site.energyToday"] = Units.Energy(summary.EnergyTodayWh),
            ["site.updatedAt"] = SiteClock.Local(summary.UpdatedAt, summary.TimeZone),
        };
        AddHealth(figures, "site", summary.Health);
        foreach (var inverter in await reads.InvertersAsync(site))
        {
            var key = "inverter." + inverter.InverterId;
            figures[key + ".power"] = Units.Power(inverter.PowerW);
            figures[key + ".energyToday"] = Units.Energy(inverter.EnergyTodayWh);
            figures[key + ".health"] = Labels.Health(inverter.Health);
            figures[key + ".status"] = inverter.StatusText;
            figures[key + ".lastPoll"] = SiteClock.Local(inverter.LastPollAt, summary.TimeZone);
        }

        return figures;
    }

    private static void AddHealth(Dictionary<string, string> figures, string prefix, HealthCounts health)
    {
        foreach (var state in Enum.GetValues<InverterHealth>())
        {
            figures[$"{prefix}.health.{Labels.Health(state)}"] = health.Of(state).ToString(CultureInfo.InvariantCulture);
        }
    }
}

using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Silo.Telemetry;

/// <summary>What the gauges report between refreshes.</summary>
public sealed record FleetGaugeSnapshot(
    FleetSummary? Fleet,
    IReadOnlyList<SiteSummary> Sites,
    IReadOnlyList<(string SiteId, string InverterId, int PowerW, long EnergyTodayWh)> Inverters)
{
    public static readonly FleetGaugeSnapshot Empty = new(null, [], []);
}

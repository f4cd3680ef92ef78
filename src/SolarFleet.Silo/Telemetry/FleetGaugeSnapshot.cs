using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Telemetry;

/// <summary>What the gauges report between refreshes.</summary>
public sealed record FleetGaugeSnapshot(
    FleetSummary? Fleet,
    IReadOnlyList<SiteSummary> Sites,
    IReadOnlyList<InverterGauge> Inverters,
    IReadOnlyList<OpenAlertCount> OpenAlerts)
{
    public static readonly FleetGaugeSnapshot Empty = new(null, [], [], []);
}

/// <summary>One inverter's gauges (opt-in, capped).</summary>
public sealed record InverterGauge(string SiteId, string InverterId, int PowerW, long EnergyTodayWh);

using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Dashboard.Overview;

/// <summary>What the overview shows: the fleet's roll-up, its open alerts by kind, and the sites to look at first.</summary>
public sealed record FleetOverview(FleetSummary Fleet, IReadOnlyList<OpenAlertCount> OpenAlerts, IReadOnlyList<SiteSummary> AttentionSites);

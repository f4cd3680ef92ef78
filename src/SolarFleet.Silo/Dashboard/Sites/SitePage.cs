using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Energy;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>What a site's page shows: the site, each inverter's state, its recent alerts and its last 30 days.</summary>
public sealed record SitePage(SiteSnapshot Site, IReadOnlyList<InverterSnapshot> Inverters, IReadOnlyList<Alert> Alerts, IReadOnlyList<EnergyRow> Days);

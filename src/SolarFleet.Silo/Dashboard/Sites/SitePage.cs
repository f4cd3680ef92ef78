using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Api.Power;

namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>
/// What a site's page shows: the site, each inverter's state, its recent alerts, today's power curve (the site's
/// total), its last 30 days and this year's months.
/// </summary>
public sealed record SitePage(
    SiteSnapshot Site,
    IReadOnlyList<InverterSnapshot> Inverters,
    IReadOnlyList<Alert> Alerts,
    PowerCurve Power,
    IReadOnlyList<EnergyRow> Days,
    IReadOnlyList<EnergyRow> Months);

using SolarFleet.Silo.Dashboard.Alerts;
using SolarFleet.Silo.Dashboard.Sites;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Overview;

/// <summary>Reads the overview: the fleet grain's roll-up (never an inverter), and the alert store.</summary>
public sealed class OverviewReader(FleetReads reads, OpenAlerts alerts)
{
    public const int AttentionSites = 10;

    public async Task<FleetOverview> ReadAsync(CancellationToken cancellationToken)
    {
        // One view for both: the roll-up and the sites needing attention are of the same moment.
        var view = reads.ViewAsync();
        var counts = alerts.CountByKindAsync(cancellationToken);
        var attention = SiteList.Select((await view).Sites, new SiteListQuery(null, SiteHealthFilter.Attention, null, SiteSort.Attention, 1, AttentionSites));
        return new FleetOverview((await view).Summary, await counts, attention.Sites);
    }
}

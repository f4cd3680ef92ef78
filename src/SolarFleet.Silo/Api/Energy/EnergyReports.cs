using System.Runtime.CompilerServices;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Energy;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// Energy reports for billing and reporting tools, read through the one ledger read path
/// (<see cref="LedgerReader"/>): sites live and removed (within the retention), site by site, in each site's own calendar.
/// </summary>
public sealed class EnergyReports(IGrainFactory grains, FleetReads reads, LedgerReader ledger, TimeProvider time)
{
    // Enough to cover one site's latency (a store query and a round of its inverters) with the others' work; few
    // enough that a fleet report leaves a busy silo to its polls.
    private const int SitesReadAhead = 8;

    /// <summary>A site a report may cover (live, or removed within the retention), or null when there is none.</summary>
    public async Task<ReportSite?> FindSiteAsync(string siteId)
    {
        var snapshot = await grains.GetGrain<ISiteGrain>(siteId).GetSnapshot();
        return snapshot is null ? null : new ReportSite(siteId, snapshot.Settings.TimeZone, snapshot.Inverters.Count, snapshot.RemovedAt);
    }

    /// <summary>Every site a fleet report covers, by id: live ones from the fleet's roll-up, then those removed within the retention.</summary>
    public async Task<IReadOnlyList<ReportSite>> FleetSitesAsync()
    {
        var live = await reads.SitesAsync();
        var removed = await grains.GetGrain<IFleetGrain>(FleetKey.Default).GetRemovedSites();
        return live.Select(s => new ReportSite(s.SiteId, s.TimeZone, s.Inverters, null))
            .Concat(removed.Select(r => new ReportSite(r.SiteId, r.TimeZone, 0, r.RemovedAt)))
            .OrderBy(s => s.SiteId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Report rows, site by site, the next sites' ledger rows read while one site's periods are rolled up: a few sites'
    /// rows are held at a time, never the whole fleet's.
    /// </summary>
    public async IAsyncEnumerable<EnergyRow> RowsAsync(IReadOnlyList<ReportSite> sites, EnergyQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(query);
        var read = ReadAhead.InOrderAsync(sites, SitesReadAhead, (site, token) => SiteRowsAsync(site, query, token), cancellationToken);
        await foreach (var (site, today, rows) in read)
        {
            foreach (var row in EnergyReport.Build(site, [.. rows], query.From, query.To, query.Interval, today))
            {
                yield return row;
            }
        }
    }

    /// <summary>One inverter's days in [from, to], with provenance and audit; null when it has neither a registration nor history there.</summary>
    public async Task<IReadOnlyList<InverterEnergyDay>?> InverterDaysAsync(ReportSite site, string inverterId, bool registered, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var today = Today(site);
        var rows = (await ledger.SiteRowsAsync(site.SiteId, from, to, today, cancellationToken))
            .Where(row => row.InverterId == inverterId)
            .ToDictionary(row => row.Date);
        if (!registered && rows.Count == 0)
        {
            return null;
        }

        var days = new List<InverterEnergyDay>(to.DayNumber - from.DayNumber + 1);
        foreach (var (date, _) in EnergyReport.Periods(from, to, EnergyInterval.Day))
        {
            var status = date > today ? EnergyPeriodStatus.Future : date == today ? EnergyPeriodStatus.Partial : EnergyPeriodStatus.Complete;
            if (status == EnergyPeriodStatus.Future)
            {
                days.Add(new InverterEnergyDay(site.SiteId, inverterId, date, status, site.TimeZone, null, null, null, 0, 0, 0, null, null, false, []));
            }
            else if (rows.TryGetValue(date, out var row))
            {
                days.Add(new InverterEnergyDay(
                    site.SiteId, inverterId, date, status, site.TimeZone, row.EnergyWh, row.PowerTodayWh, row.BridgedWh, row.SetAsideWh, row.Anomalies, row.Restarts,
                    row.LifetimeEndKwh, row.Coverage, row.Complete, row.AuditEntries.Select(LedgerAuditResource.Of).ToArray()));
            }
            else
            {
                days.Add(new InverterEnergyDay(site.SiteId, inverterId, date, status, site.TimeZone, 0, 0, 0, 0, 0, 0, null, 0, false, []));
            }
        }

        return days;
    }

    private async Task<(ReportSite Site, DateOnly Today, IReadOnlyList<DailyEnergy> Rows)> SiteRowsAsync(ReportSite site, EnergyQuery query, CancellationToken cancellationToken)
    {
        var today = Today(site);
        return (site, today, await ledger.SiteRowsAsync(site.SiteId, query.From, query.To, today, cancellationToken));
    }

    private DateOnly Today(ReportSite site) => SiteCalendar.Today(time, site.TimeZone);
}

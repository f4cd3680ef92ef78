using SolarFleet.Silo.Api.Energy;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Energy;

/// <summary>
/// A site's last 30 days and this year's months of energy, through the energy report the API serves (the one ledger
/// read path).
/// </summary>
public sealed class RecentEnergy(EnergyReports reports, TimeProvider time)
{
    public const int Days = 30;

    public Task<IReadOnlyList<EnergyRow>> DaysAsync(string siteId, string timeZone, CancellationToken cancellationToken)
    {
        var to = SiteCalendar.Today(time, timeZone);
        return RowsAsync(siteId, new EnergyQuery(to.AddDays(1 - Days), to, EnergyInterval.Day, Csv: false), cancellationToken);
    }

    /// <summary>January to December of the site's current year; months still to come are rows without energy.</summary>
    public Task<IReadOnlyList<EnergyRow>> MonthsAsync(string siteId, string timeZone, CancellationToken cancellationToken)
    {
        var year = SiteCalendar.Today(time, timeZone).Year;
        return RowsAsync(siteId, new EnergyQuery(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), EnergyInterval.Month, Csv: false), cancellationToken);
    }

    /// <summary>The same 30 days as CSV, for the download link (a browser cannot send the API's key header).</summary>
    public async Task<IResult?> CsvAsync(string siteId, CancellationToken cancellationToken)
    {
        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return null;
        }

        var to = SiteCalendar.Today(time, site.TimeZone);
        var query = new EnergyQuery(to.AddDays(1 - Days), to, EnergyInterval.Day, Csv: true);
        return new EnergyCsvResult(reports.RowsAsync([site], query, cancellationToken), $"{siteId}-energy-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv");
    }

    private async Task<IReadOnlyList<EnergyRow>> RowsAsync(string siteId, EnergyQuery query, CancellationToken cancellationToken)
    {
        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return [];
        }

        var rows = new List<EnergyRow>();
        await foreach (var row in reports.RowsAsync([site], query, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}

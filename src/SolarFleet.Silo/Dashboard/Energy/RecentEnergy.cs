using SolarFleet.Silo.Api.Energy;

namespace SolarFleet.Silo.Dashboard.Energy;

/// <summary>A site's last 30 days of energy, through the energy report the API serves (the one ledger read path).</summary>
public sealed class RecentEnergy(EnergyReports reports, TimeProvider time)
{
    public const int Days = 30;

    public async Task<IReadOnlyList<EnergyRow>> DaysAsync(string siteId, string timeZone, CancellationToken cancellationToken)
    {
        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return [];
        }

        var to = Today(timeZone);
        var query = new EnergyQuery(to.AddDays(1 - Days), to, EnergyInterval.Day, Csv: false);
        var rows = new List<EnergyRow>(Days);
        await foreach (var row in reports.RowsAsync([site], query, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The same 30 days as CSV, for the download link (a browser cannot send the API's key header).</summary>
    public async Task<IResult?> CsvAsync(string siteId, CancellationToken cancellationToken)
    {
        if (await reports.FindSiteAsync(siteId) is not { } site)
        {
            return null;
        }

        var to = Today(site.TimeZone);
        var query = new EnergyQuery(to.AddDays(1 - Days), to, EnergyInterval.Day, Csv: true);
        return new EnergyCsvResult(reports.RowsAsync([site], query, cancellationToken), $"{siteId}-energy-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}.csv");
    }

    private DateOnly Today(string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}

using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// Rolls one site's daily ledger rows (every inverter, every date) up into report rows. Every period in the range gets
/// a row, so a gap shows as an incomplete row rather than a missing one, and each row says honestly what it covers:
/// a future period has no energy at all, a running or cut period is partial with the days it covers.
/// </summary>
public static class EnergyReport
{
    /// <param name="rows">The site's ledger rows with dates in [from, to].</param>
    /// <param name="siteToday">The site's today: periods after it are future, a period holding it is partial.</param>
    public static IEnumerable<EnergyRow> Build(ReportSite site, IReadOnlyCollection<DailyEnergy> rows, DateOnly from, DateOnly to, EnergyInterval interval, DateOnly siteToday)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(rows);
        var byDate = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (start, end) in Periods(from, to, interval))
        {
            var first = start < from ? from : start;
            var last = end > to ? to : end;
            var label = start.ToString(interval == EnergyInterval.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);
            if (first > siteToday)
            {
                yield return new EnergyRow(site.SiteId, label, first, last, EnergyPeriodStatus.Future, site.TimeZone, null, null, null, 0, 0, 0, 0, false, null, site.RemovedAt);
                continue;
            }

            var status = first > start || last < end || last >= siteToday ? EnergyPeriodStatus.Partial : EnergyPeriodStatus.Complete;
            yield return Roll(site, label, status, byDate, first, last, last < siteToday ? last : siteToday);
        }
    }

    /// <summary>The periods that overlap [from, to], each with its own first and last day; safe up to the last date there is.</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End)> Periods(DateOnly from, DateOnly to, EnergyInterval interval)
    {
        var start = interval == EnergyInterval.Day ? from : new DateOnly(from.Year, from.Month, 1);
        while (true)
        {
            var end = interval == EnergyInterval.Day ? start : new DateOnly(start.Year, start.Month, DateTime.DaysInMonth(start.Year, start.Month));
            yield return (start, end);
            if (end >= to || end == DateOnly.MaxValue)
            {
                yield break;
            }

            start = end.AddDays(1);
        }
    }

    private static EnergyRow Roll(ReportSite site, string label, EnergyPeriodStatus status, Dictionary<DateOnly, List<DailyEnergy>> byDate, DateOnly first, DateOnly last, DateOnly observedLast)
    {
        long energy = 0, powerToday = 0, bridged = 0, setAside = 0;
        int anomalies = 0, restarts = 0;
        double coverageSum = 0;
        var complete = status == EnergyPeriodStatus.Complete;
        var inverters = new HashSet<string>(StringComparer.Ordinal);
        var slotsExpected = 0;
        for (var day = first.DayNumber; day <= observedLast.DayNumber; day++)
        {
            var dayRows = byDate.GetValueOrDefault(DateOnly.FromDayNumber(day)) ?? [];
            var expected = Math.Max(site.Inverters, dayRows.Count);
            slotsExpected += expected;
            complete &= expected > 0 && dayRows.Count >= expected;
            foreach (var row in dayRows)
            {
                energy += row.EnergyWh;
                powerToday += row.PowerTodayWh;
                bridged += row.BridgedWh;
                setAside += row.SetAsideWh;
                anomalies += row.Anomalies;
                restarts += row.Restarts;
                coverageSum += row.Coverage;
                complete &= row.Complete;
                inverters.Add(row.InverterId);
            }
        }

        var coverage = slotsExpected == 0 ? 0 : Math.Round(coverageSum / slotsExpected, 4);
        return new EnergyRow(
            site.SiteId, label, first, last, status, site.TimeZone, energy, powerToday, bridged, setAside, anomalies, restarts, inverters.Count, complete, coverage, site.RemovedAt);
    }
}

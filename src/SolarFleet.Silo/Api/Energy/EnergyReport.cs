using System.Globalization;
using SolarFleet.Abstractions.Energy;

namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// Rolls one site's daily ledger rows (every inverter, every date) up into report rows. Every period in the
/// range gets a row, so a gap shows as an incomplete row rather than a missing one.
/// </summary>
public static class EnergyReport
{
    /// <param name="rows">The site's ledger rows with dates in [from, to].</param>
    /// <param name="expectedInverters">How many inverters the site has now; fewer rows than this on a day is a gap.</param>
    public static IEnumerable<EnergyRow> Build(string siteId, IReadOnlyCollection<DailyEnergy> rows, int expectedInverters, DateOnly from, DateOnly to, EnergyInterval interval)
    {
        var byDate = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.ToList());
        var period = Start(from, interval);
        while (period <= to)
        {
            var next = interval == EnergyInterval.Day ? period.AddDays(1) : period.AddMonths(1);
            var first = period < from ? from : period;
            var last = next.AddDays(-1) > to ? to : next.AddDays(-1);
            yield return Roll(siteId, Label(period, interval), byDate, expectedInverters, first, last);
            period = next;
        }
    }

    public static DateOnly Start(DateOnly date, EnergyInterval interval) =>
        interval == EnergyInterval.Day ? date : new DateOnly(date.Year, date.Month, 1);

    private static string Label(DateOnly period, EnergyInterval interval) =>
        period.ToString(interval == EnergyInterval.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);

    private static EnergyRow Roll(string siteId, string label, Dictionary<DateOnly, List<DailyEnergy>> byDate, int expectedInverters, DateOnly first, DateOnly last)
    {
        long energy = 0;
        double coverageSum = 0;
        var complete = true;
        var inverters = new HashSet<string>(StringComparer.Ordinal);
        var days = 0;
        var slotsExpected = 0;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            days++;
            var dayRows = byDate.GetValueOrDefault(date) ?? [];
            var expected = Math.Max(expectedInverters, dayRows.Count);
            slotsExpected += expected;
            complete &= expected > 0 && dayRows.Count >= expected;
            foreach (var row in dayRows)
            {
                energy += row.EnergyWh;
                coverageSum += row.Coverage;
                complete &= row.Complete;
                inverters.Add(row.InverterId);
            }
        }

        var coverage = slotsExpected == 0 ? 0 : Math.Round(coverageSum / slotsExpected, 4);
        return new EnergyRow(siteId, label, energy, inverters.Count, complete && days > 0, coverage);
    }
}

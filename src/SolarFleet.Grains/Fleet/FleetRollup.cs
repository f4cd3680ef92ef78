using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Health;

namespace SolarFleet.Grains.Fleet;

/// <summary>The reduce step of the fleet: the latest report of each site, and what they add up to.</summary>
public sealed class FleetRollup
{
    private readonly Dictionary<string, SiteReport> _reports = new(StringComparer.Ordinal);

    public int Count => _reports.Count;

    /// <summary>Whether the site has reported to this roll-up.</summary>
    public bool Has(string siteId) => _reports.ContainsKey(siteId);

    /// <summary>Keeps a site's report; true when the site is new to the roll-up.</summary>
    public bool Apply(SiteReport report)
    {
        var known = _reports.ContainsKey(report.Summary.SiteId);
        _reports[report.Summary.SiteId] = report;
        return !known;
    }

    public bool Remove(string siteId) => _reports.Remove(siteId);

    /// <summary>Fleet totals. Today's energy adds each site's own local day: a site whose report is from an earlier local date adds 0.</summary>
    public FleetSummary Summarize(int sites, DateTimeOffset now)
    {
        var todays = new LocalDates(now);
        var inverters = 0;
        long power = 0;
        long energy = 0;
        var health = HealthCounts.Zero;
        var withProblems = 0;
        DateTimeOffset? updated = null;
        foreach (var report in _reports.Values)
        {
            var summary = report.Summary;
            inverters += summary.Inverters;
            power += summary.PowerW;
            if (summary.LocalDate == todays.Of(summary.TimeZone))
            {
                energy += summary.EnergyTodayWh;
            }

            health = health.Plus(summary.Health);
            if (report.Problems.Count > 0)
            {
                withProblems++;
            }

            if (summary.UpdatedAt is { } at && (updated is null || at > updated))
            {
                updated = at;
            }
        }

        return new FleetSummary(sites, inverters, power, energy, health, withProblems, updated);
    }

    /// <summary>Each site's summary by site id, moved to the site's current local date (0 Wh today if nothing came in since its midnight).</summary>
    public IReadOnlyList<SiteSummary> SiteSummaries(DateTimeOffset now)
    {
        var todays = new LocalDates(now);
        var summaries = new List<SiteSummary>(_reports.Count);
        foreach (var report in _reports.Values)
        {
            var summary = report.Summary;
            var today = todays.Of(summary.TimeZone);
            summaries.Add(today is not { } date || summary.LocalDate == date ? summary : summary with { LocalDate = date, EnergyTodayWh = 0 });
        }

        summaries.Sort((a, b) => string.CompareOrdinal(a.SiteId, b.SiteId));
        return summaries;
    }

    /// <summary>Problems across sites, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<Problem> Problems(int max)
    {
        var problems = new List<Problem>();
        foreach (var report in _reports.Values)
        {
            problems.AddRange(report.Problems);
        }

        problems.Sort(ProblemOrder.OldestFirst);
        if (problems.Count > max)
        {
            problems.RemoveRange(max, problems.Count - max);
        }

        return problems;
    }

    /// <summary>Today in each zone, looked up once per zone per read.</summary>
    private sealed class LocalDates(DateTimeOffset now)
    {
        private readonly Dictionary<string, DateOnly?> _dates = new(StringComparer.Ordinal);

        public DateOnly? Of(string timeZone)
        {
            if (!_dates.TryGetValue(timeZone, out var date))
            {
                date = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
                    ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime)
                    : null;
                _dates[timeZone] = date;
            }

            return date;
        }
    }
}

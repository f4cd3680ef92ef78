using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Health;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Sites;

/// <summary>The reduce step of a site: the summaries its inverters pushed, and what they add up to.</summary>
public sealed class SiteRollup
{
    private readonly Dictionary<string, InverterSummary> _summaries = new(StringComparer.Ordinal);

    public int Count => _summaries.Count;

    /// <summary>Keeps an inverter's summary; false when it is the same as the one held.</summary>
    public bool Apply(InverterSummary summary)
    {
        if (_summaries.TryGetValue(summary.InverterId, out var held) && held == summary)
        {
            return false;
        }

        _summaries[summary.InverterId] = summary;
        return true;
    }

    public bool Remove(string inverterId) => _summaries.Remove(inverterId);

    public void Clear() => _summaries.Clear();

    /// <summary>
    /// The site's roll-up on its own local date: inverters whose latest reading is from another date add nothing to
    /// today's energy; registered inverters that have not reported yet count as pending.
    /// </summary>
    public SiteSummary Summarize(string siteId, SiteSettings settings, ICollection<string> inverterIds, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inverterIds);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        long power = 0;
        long energy = 0;
        long ratedCapacity = 0;
        long ratedEnergy = 0;
        var health = HealthCounts.Zero;
        DateTimeOffset? updated = null;
        foreach (var inverterId in inverterIds)
        {
            if (!_summaries.TryGetValue(inverterId, out var summary))
            {
                health = health.Add(InverterHealth.Pending, 1);
                continue;
            }

            health = health.Add(summary.Health, 1);
            power += summary.PowerW;
            var todays = summary.LocalDate == today ? summary.EnergyTodayWh : 0;
            energy += todays;
            if (summary.DcCapacityW is > 0 and var capacity)
            {
                ratedCapacity += capacity;
                ratedEnergy += todays;
            }

            if (updated is null || summary.UpdatedAt > updated)
            {
                updated = summary.UpdatedAt;
            }
        }

        return new SiteSummary(siteId, settings.Name, settings.TimeZone, inverterIds.Count, power, today, energy, health, updated, settings.Latitude, settings.Longitude, ratedCapacity, ratedEnergy);
    }

    /// <summary>Unreachable, stale and faulty inverters, oldest problem first.</summary>
    public IReadOnlyList<Problem> Problems(string siteId, ICollection<string> inverterIds)
    {
        ArgumentNullException.ThrowIfNull(inverterIds);
        List<Problem>? problems = null;
        foreach (var inverterId in inverterIds)
        {
            if (_summaries.TryGetValue(inverterId, out var summary) && HealthRules.IsProblem(summary.Health))
            {
                problems ??= [];
                problems.Add(new Problem(
                    siteId,
                    inverterId,
                    summary.Health,
                    summary.HealthSince ?? summary.UpdatedAt,
                    summary.StatusCode,
                    Detail(summary)));
            }
        }

        if (problems is null)
        {
            return [];
        }

        problems.Sort(ProblemOrder.OldestFirst);
        return problems;
    }

    private static string Detail(InverterSummary summary) => summary.Health switch
    {
        InverterHealth.Unreachable => summary.LastError ?? "The Pi does not answer.",
        InverterHealth.Stale => $"TimeStamp stopped moving while the inverter reported {InverterStatus.Describe(summary.StatusCode)}.",
        _ => InverterStatus.Describe(summary.StatusCode),
    };
}

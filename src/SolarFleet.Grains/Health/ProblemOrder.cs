using SolarFleet.Abstractions.Health;

namespace SolarFleet.Grains.Health;

/// <summary>Problems are listed oldest first (longest-standing first), then by site and inverter for a stable order.</summary>
public static class ProblemOrder
{
    public static readonly Comparison<Problem> OldestFirst = Compare;

    private static int Compare(Problem a, Problem b)
    {
        var bySince = a.Since.CompareTo(b.Since);
        if (bySince != 0)
        {
            return bySince;
        }

        var bySite = string.CompareOrdinal(a.SiteId, b.SiteId);
        return bySite != 0 ? bySite : string.CompareOrdinal(a.InverterId, b.InverterId);
    }
}

namespace SolarFleet.Grains.Underproduction;

/// <summary>What an inverter learns of its neighbours over a window: the median of their yields, and how many they were.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PeerMedian([property: Id(0)] double Median, [property: Id(1)] int Count)
{
    /// <summary>
    /// The median of the <paramref name="nearest"/> <paramref name="candidates"/> closest to a point within
    /// <paramref name="radiusKm"/> of it, leaving out <paramref name="except"/> (the inverter asking). The nearest are
    /// taken because they stood under more of the same clouds: across a wide radius, one part of a region is often
    /// cloudier than another for hours.
    /// </summary>
    public static PeerMedian Around(IEnumerable<PeerYield> candidates, double latitude, double longitude, double radiusKm, int nearest, string except) =>
        Of(candidates
            .Where(p => p.InverterKey != except)
            .Select(p => (p.Yield, Km: GeoDistance.Km(latitude, longitude, p.Latitude, p.Longitude)))
            .Where(p => p.Km <= radiusKm)
            .OrderBy(p => p.Km)
            .Take(Math.Max(1, nearest))
            .Select(p => p.Yield));

    public static PeerMedian Of(IEnumerable<double> yields)
    {
        var sorted = yields.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new PeerMedian(0, 0);
        }

        var middle = sorted.Length / 2;
        return new PeerMedian(sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, sorted.Length);
    }
}

namespace SolarFleet.Grains.Underproduction;

/// <summary>What an inverter learns of its neighbours over a window: the median of their yields, and how many they were.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PeerMedian([property: Id(0)] double Median, [property: Id(1)] int Count)
{
    /// <summary>The median of the <paramref name="candidates"/> within <paramref name="radiusKm"/> of a point, leaving out <paramref name="except"/> (the inverter asking).</summary>
    public static PeerMedian Around(IEnumerable<PeerYield> candidates, double latitude, double longitude, double radiusKm, string except) =>
        Of(candidates
            .Where(p => p.InverterKey != except && GeoDistance.Km(latitude, longitude, p.Latitude, p.Longitude) <= radiusKm)
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

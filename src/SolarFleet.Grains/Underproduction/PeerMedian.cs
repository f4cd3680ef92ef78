namespace SolarFleet.Grains.Underproduction;

/// <summary>What an inverter learns of its neighbours over a window: the median of their yields, and how many they were.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PeerMedian([property: Id(0)] double Median, [property: Id(1)] int Count)
{
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

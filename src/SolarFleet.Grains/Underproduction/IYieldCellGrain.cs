using Orleans.Concurrency;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// The yields of the inverters in one cell of a latitude/longitude grid (see <see cref="YieldCells"/>), window by
/// window, kept in memory for two days: what their neighbours are compared with. A cell lost with its silo loses its
/// windows so far; the comparisons of those windows say nothing rather than something wrong.
/// </summary>
[Alias("SolarFleet.YieldCell")]
public interface IYieldCellGrain : IGrainWithStringKey
{
    [Alias("report"), OneWay]
    Task Report(YieldWindow window, PeerYield yield);

    /// <summary>This cell's yields of a window. Interleaved: neighbouring cells ask each other while they gather.</summary>
    [Alias("yields-of"), AlwaysInterleave]
    Task<PeerYield[]> YieldsOf(YieldWindow window);

    /// <summary>
    /// The median of the <paramref name="nearest"/> yields of a window within <paramref name="radiusKm"/> of a point,
    /// from this cell and its neighbours, without <paramref name="except"/>. The neighbours are asked once per window; interleaved, so the cell's
    /// inverters ask at once.
    /// </summary>
    [Alias("peers-around"), AlwaysInterleave]
    Task<PeerMedian> PeersAround(YieldWindow window, double latitude, double longitude, double radiusKm, int nearest, string except);
}

using SolarFleet.Grains.Underproduction;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>
/// The yield cells of the cluster in one dictionary: the same grid (<see cref="YieldCells"/>) and the same "within the
/// radius, not itself" selection as <see cref="YieldCellGrain"/>, without the messages.
/// </summary>
internal sealed class PeerYieldBook(double radiusKm, int nearest)
{
    private readonly Dictionary<string, Dictionary<YieldWindow, Dictionary<string, PeerYield>>> _cells = new(StringComparer.Ordinal);

    public void Report(YieldWindow window, PeerYield yield)
    {
        var key = YieldCells.KeyOf(yield.Latitude, yield.Longitude, radiusKm);
        if (!_cells.TryGetValue(key, out var windows))
        {
            windows = [];
            _cells[key] = windows;
        }

        if (!windows.TryGetValue(window, out var yields))
        {
            yields = new Dictionary<string, PeerYield>(StringComparer.Ordinal);
            windows[window] = yields;
        }

        yields[yield.InverterKey] = yield;
    }

    public PeerMedian PeersAround(YieldWindow window, double latitude, double longitude, string except) => PeerMedian.Around(
        YieldCells.Around(latitude, longitude, radiusKm)
            .SelectMany(key => _cells.TryGetValue(key, out var windows) && windows.TryGetValue(window, out var yields) ? yields.Values : Enumerable.Empty<PeerYield>()),
        latitude,
        longitude,
        radiusKm,
        nearest,
        except);
}

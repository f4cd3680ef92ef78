using Microsoft.Extensions.DependencyInjection;

namespace SolarFleet.Grains.Underproduction;

/// <inheritdoc cref="IYieldCellGrain"/>
public sealed class YieldCellGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IYieldCellGrain
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(2);
    private readonly Dictionary<YieldWindow, Dictionary<string, PeerYield>> _windows = [];
    private readonly Dictionary<YieldWindow, Task<PeerYield[]>> _gathered = [];

    public Task Report(YieldWindow window, PeerYield yield)
    {
        ArgumentNullException.ThrowIfNull(yield);
        if (!_windows.TryGetValue(window, out var yields))
        {
            yields = new Dictionary<string, PeerYield>(StringComparer.Ordinal);
            _windows[window] = yields;
            var oldest = time.GetUtcNow() - KeptFor;
            foreach (var old in _windows.Keys.Where(w => w.End < oldest).ToList())
            {
                _windows.Remove(old);
                _gathered.Remove(old);
            }
        }

        yields[yield.InverterKey] = yield;
        return Task.CompletedTask;
    }

    public Task<PeerYield[]> YieldsOf(YieldWindow window) =>
        Task.FromResult(_windows.TryGetValue(window, out var yields) ? yields.Values.ToArray() : []);

    public async Task<PeerMedian> PeersAround(YieldWindow window, double latitude, double longitude, double radiusKm, int nearest, string except)
    {
        if (!_gathered.TryGetValue(window, out var gathering))
        {
            // Every inverter of the cell asks within a poll period of the others: the neighbours are asked once for all.
            gathering = GatherAsync(window, latitude, longitude, radiusKm);
            _gathered[window] = gathering;
        }

        return PeerMedian.Around(await gathering, latitude, longitude, radiusKm, nearest, except);
    }

    // The cells around this one (every inverter of a cell has the same cells around it for the same radius).
    private async Task<PeerYield[]> GatherAsync(YieldWindow window, double latitude, double longitude, double radiusKm)
    {
        var self = this.GetPrimaryKeyString();
        var cells = YieldCells.Around(latitude, longitude, radiusKm)
            .Select(key => key == self ? YieldsOf(window) : GrainFactory.GetGrain<IYieldCellGrain>(key).YieldsOf(window));
        return (await Task.WhenAll(cells)).SelectMany(yields => yields).ToArray();
    }
}

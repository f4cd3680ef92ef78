using Microsoft.Extensions.DependencyInjection;

namespace SolarFleet.Grains.Underproduction;

/// <inheritdoc cref="IYieldCellGrain"/>
public sealed class YieldCellGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, IYieldCellGrain
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(2);
    private readonly Dictionary<YieldWindow, Dictionary<string, PeerYield>> _windows = [];

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
            }
        }

        yields[yield.InverterKey] = yield;
        return Task.CompletedTask;
    }

    public Task<PeerYield[]> YieldsOf(YieldWindow window) =>
        Task.FromResult(_windows.TryGetValue(window, out var yields) ? yields.Values.ToArray() : []);

    public async Task<PeerYield[]> PeersAround(YieldWindow window, double latitude, double longitude, double radiusKm, string except)
    {
        var self = this.GetPrimaryKeyString();
        var cells = YieldCells.Around(latitude, longitude, radiusKm)
            .Select(key => key == self ? YieldsOf(window) : GrainFactory.GetGrain<IYieldCellGrain>(key).YieldsOf(window));
        var all = await Task.WhenAll(cells);
        return all.SelectMany(yields => yields)
            .Where(p => p.InverterKey != except && GeoDistance.Km(latitude, longitude, p.Latitude, p.Longitude) <= radiusKm)
            .ToArray();
    }
}

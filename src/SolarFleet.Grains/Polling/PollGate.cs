using Microsoft.Extensions.Options;
using SolarFleet.Grains.Hosting;

namespace SolarFleet.Grains.Polling;

/// <summary>
/// Bounds the polls one silo has in flight. Each poll holds a socket; a burst (a bulk registration polling every new
/// inverter at once, a network fault leaving thousands of polls waiting for their timeout) must not take more
/// sockets than the host has. Steady polling of a large fleet needs a few dozen at a time, far below the bound.
/// </summary>
public sealed class PollGate(IOptions<SolarFleetGrainOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxPollsInFlight, options.Value.MaxPollsInFlight);

    /// <summary>Waits for a free slot; dispose the result when the poll is over.</summary>
    public async ValueTask<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}

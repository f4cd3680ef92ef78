using Microsoft.Extensions.Options;
using SolarFleet.Grains.Hosting;

namespace SolarFleet.Grains.Polling;

/// <summary>
/// Bounds the polls one silo has in flight. Each poll holds a socket; a burst (a bulk registration polling every new
/// inverter at once, a network fault leaving thousands of polls waiting for their timeout) must not take more
/// sockets than the host has. Steady polling of a large fleet needs a few dozen at a time, far below the bound.
/// </summary>
/// <remarks>
/// Polls of failing inverters may hold only <see cref="SolarFleetGrainOptions.FailingPollShare"/> of the slots: a Pi
/// that hangs holds its slot until the poll times out, and thousands of them would otherwise take every slot while
/// healthy inverters wait behind them. A failing poll takes a slot of its own share first, then one of the whole.
/// </remarks>
public sealed class PollGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _failingSlots;

    public PollGate(IOptions<SolarFleetGrainOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Value.MaxPollsInFlight;
        var failing = FailingSlots(total, options.Value.FailingPollShare);
        _slots = new SemaphoreSlim(total, total);
        _failingSlots = new SemaphoreSlim(failing, failing);
    }

    /// <summary>The slots failing polls may hold: the share of the whole, at least one.</summary>
    public static int FailingSlots(int total, double share) => Math.Clamp((int)Math.Floor(total * share), 1, total);

    /// <summary>Waits for a free slot (for a <paramref name="failing"/> inverter, within its share); dispose the result when the poll is over.</summary>
    public async ValueTask<Slot> EnterAsync(bool failing, CancellationToken cancellationToken)
    {
        if (!failing)
        {
            await _slots.WaitAsync(cancellationToken);
            return new Slot(_slots, null);
        }

        await _failingSlots.WaitAsync(cancellationToken);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            _failingSlots.Release();
            throw;
        }

        return new Slot(_slots, _failingSlots);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _failingSlots.Dispose();
    }

    public readonly struct Slot(SemaphoreSlim slots, SemaphoreSlim? failingSlots) : IDisposable
    {
        public void Dispose()
        {
            slots.Release();
            failingSlots?.Release();
        }
    }
}

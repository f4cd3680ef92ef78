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
/// healthy inverters wait behind them. Polls of Pis that have never answered (new registrations) and failing ones
/// together may hold all but that share: a hung Pi's first poll looks like any other, and a batch of new registrations
/// with hung Pis among them took every slot for a poll timeout while the inverters already answering waited. So Pis
/// that answer always keep the share for themselves. A bounded poll takes a slot of its lane's share, then of the
/// slots not reserved, then of the whole.
/// </remarks>
public sealed class PollGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _failingSlots;
    private readonly SemaphoreSlim _unreservedSlots;

    public PollGate(IOptions<SolarFleetGrainOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Value.MaxPollsInFlight;
        var failing = FailingSlots(total, options.Value.FailingPollShare);
        _slots = new SemaphoreSlim(total, total);
        _failingSlots = new SemaphoreSlim(failing, failing);
        var unreserved = UnreservedSlots(total, failing);
        _unreservedSlots = new SemaphoreSlim(unreserved, unreserved);
    }

    /// <summary>The slots failing polls may hold: the share of the whole, at least one.</summary>
    public static int FailingSlots(int total, double share) => Math.Clamp((int)Math.Floor(total * share), 1, total);

    /// <summary>
    /// The slots failing and unproven polls may hold together: all but as many as failing polls may hold, which stay for
    /// Pis that answer; all of them when failing polls may hold all (the bound is off).
    /// </summary>
    public static int UnreservedSlots(int total, int failing) => failing >= total ? total : Math.Max(failing, total - failing);

    /// <summary>Waits for a free slot (for a failing or unproven Pi, within its lane's share); dispose the result when the poll is over.</summary>
    public async ValueTask<Slot> EnterAsync(PollLane lane, CancellationToken cancellationToken)
    {
        if (lane == PollLane.Answering)
        {
            await _slots.WaitAsync(cancellationToken);
            return new Slot(_slots, null, null);
        }

        var failing = lane == PollLane.Failing ? _failingSlots : null;
        if (failing is not null)
        {
            await failing.WaitAsync(cancellationToken);
        }

        var unreserved = false;
        try
        {
            await _unreservedSlots.WaitAsync(cancellationToken);
            unreserved = true;
            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            failing?.Release();
            if (unreserved)
            {
                _unreservedSlots.Release();
            }

            throw;
        }

        return new Slot(_slots, _unreservedSlots, failing);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _failingSlots.Dispose();
        _unreservedSlots.Dispose();
    }

    public readonly struct Slot(SemaphoreSlim slots, SemaphoreSlim? unreserved, SemaphoreSlim? failing) : IDisposable
    {
        public void Dispose()
        {
            slots.Release();
            unreserved?.Release();
            failing?.Release();
        }
    }
}

using SolarFleet.Abstractions.Alerts;
using SolarFleet.Postgres.History;

namespace SolarFleet.Postgres.Alerts;

/// <summary>A transition waiting to be written, with when it was recorded (its deliveries' creation time).</summary>
internal sealed record PendingTransition(AlertTransition Transition, DateTimeOffset RecordedAt);

/// <summary>
/// Transitions waiting to be written, in the order they were recorded, each (alert, transition) once: grains that
/// record their open alerts again on reactivation do not fill it. Never more than the capacity: the oldest go first.
/// </summary>
internal sealed class TransitionBuffer(int capacity) : BatchBuffer
{
    private readonly LinkedList<PendingTransition> pending = new();
    private readonly HashSet<string> waiting = new(StringComparer.Ordinal);

    protected override int PendingCount => pending.Count;

    /// <summary>Queues a transition unless it is already waiting; returns how many old ones were dropped to make room.</summary>
    public int Add(PendingTransition transition)
    {
        lock (Gate)
        {
            if (!waiting.Add(transition.Transition.DeliveryId))
            {
                return 0;
            }

            pending.AddLast(transition);
            return TrimLocked();
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the oldest; <see cref="BatchBuffer.Complete"/> or <see cref="Return"/> must follow.</summary>
    public List<PendingTransition> Take(int max)
    {
        lock (Gate)
        {
            var batch = new List<PendingTransition>(Math.Min(max, pending.Count));
            while (batch.Count < max && pending.First is { } first)
            {
                pending.RemoveFirst();
                waiting.Remove(first.Value.Transition.DeliveryId);
                batch.Add(first.Value);
            }

            InFlight = batch.Count;
            return batch;
        }
    }

    /// <summary>Puts a batch that failed to write back in front, in its order; returns how many no longer fit.</summary>
    public int Return(List<PendingTransition> batch)
    {
        lock (Gate)
        {
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                // Recorded again while the batch was out: the copy already waiting stands for both.
                if (waiting.Add(batch[i].Transition.DeliveryId))
                {
                    pending.AddFirst(batch[i]);
                }
            }

            InFlight = 0;
            return TrimLocked();
        }
    }

    private int TrimLocked()
    {
        var dropped = 0;
        while (pending.Count + InFlight > capacity && pending.First is { } oldest)
        {
            pending.RemoveFirst();
            waiting.Remove(oldest.Value.Transition.DeliveryId);
            dropped++;
        }

        return dropped;
    }
}

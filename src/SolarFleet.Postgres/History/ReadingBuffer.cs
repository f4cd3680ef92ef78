using SolarFleet.Grains.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>Readings waiting to be written, oldest first, never more than the capacity: the oldest go first.</summary>
internal sealed class ReadingBuffer(int capacity) : BatchBuffer
{
    private Queue<InverterReadingRecord> pending = new();

    protected override int PendingCount => pending.Count;

    /// <summary>Queues a reading; returns how many old readings were dropped to make room.</summary>
    public int Add(InverterReadingRecord reading)
    {
        lock (Gate)
        {
            pending.Enqueue(reading);
            return TrimLocked();
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the oldest readings; <see cref="BatchBuffer.Complete"/> or <see cref="Return"/> must follow.</summary>
    public List<InverterReadingRecord> Take(int max)
    {
        lock (Gate)
        {
            var batch = new List<InverterReadingRecord>(Math.Min(max, pending.Count));
            while (batch.Count < max && pending.TryDequeue(out var reading))
            {
                batch.Add(reading);
            }

            InFlight = batch.Count;
            return batch;
        }
    }

    /// <summary>Puts a batch that failed to write back in front; returns how many readings no longer fit.</summary>
    public int Return(List<InverterReadingRecord> batch)
    {
        lock (Gate)
        {
            pending = new Queue<InverterReadingRecord>(batch.Concat(pending));
            InFlight = 0;
            return TrimLocked();
        }
    }

    private int TrimLocked()
    {
        var dropped = 0;
        while (pending.Count + InFlight > capacity && pending.TryDequeue(out _))
        {
            dropped++;
        }

        return dropped;
    }
}

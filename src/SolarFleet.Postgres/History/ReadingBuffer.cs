using SolarFleet.Grains.Energy;

namespace SolarFleet.Postgres.History;

/// <summary>Readings waiting to be written, oldest first, never more than the capacity: the oldest go first.</summary>
internal sealed class ReadingBuffer(int capacity)
{
    private readonly Lock gate = new();
    private Queue<InverterReadingRecord> pending = new();
    private int inFlight;

    /// <summary>Readings waiting, including a batch being written right now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending.Count + inFlight;
            }
        }
    }

    /// <summary>Queues a reading; returns how many old readings were dropped to make room.</summary>
    public int Add(InverterReadingRecord reading)
    {
        lock (gate)
        {
            pending.Enqueue(reading);
            return TrimLocked();
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the oldest readings; <see cref="Complete"/> or <see cref="Return"/> must follow.</summary>
    public List<InverterReadingRecord> Take(int max)
    {
        lock (gate)
        {
            var batch = new List<InverterReadingRecord>(Math.Min(max, pending.Count));
            while (batch.Count < max && pending.TryDequeue(out var reading))
            {
                batch.Add(reading);
            }

            inFlight = batch.Count;
            return batch;
        }
    }

    public void Complete()
    {
        lock (gate)
        {
            inFlight = 0;
        }
    }

    /// <summary>Puts a batch that failed to write back in front; returns how many readings no longer fit.</summary>
    public int Return(List<InverterReadingRecord> batch)
    {
        lock (gate)
        {
            var merged = new Queue<InverterReadingRecord>(batch.Count + pending.Count);
            foreach (var reading in batch.Concat(pending))
            {
                merged.Enqueue(reading);
            }

            pending = merged;
            inFlight = 0;
            return TrimLocked();
        }
    }

    private int TrimLocked()
    {
        var dropped = 0;
        while (pending.Count + inFlight > capacity && pending.TryDequeue(out _))
        {
            dropped++;
        }

        return dropped;
    }
}

namespace SolarFleet.Postgres.History;

/// <summary>
/// What both history buffers share: one lock, and a count of rows taken for a write that has not finished,
/// so that the backlog includes them until they are committed or given back.
/// </summary>
internal abstract class BatchBuffer
{
    protected Lock Gate { get; } = new();

    protected int InFlight { get; set; }

    /// <summary>Rows waiting, including a batch being written right now.</summary>
    public int Count
    {
        get
        {
            lock (Gate)
            {
                return PendingCount + InFlight;
            }
        }
    }

    /// <summary>Rows waiting for the next take (caller holds <see cref="Gate"/>).</summary>
    protected abstract int PendingCount { get; }

    /// <summary>The batch taken last was written.</summary>
    public void Complete()
    {
        lock (Gate)
        {
            InFlight = 0;
        }
    }
}

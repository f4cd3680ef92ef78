namespace SolarFleet.Simulator.Server;

/// <summary>Counts live connections so shutdown can wait for the last one without keeping a list of them.</summary>
internal sealed class SessionTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private int _draining;

    public void Enter() => Interlocked.Increment(ref _active);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0 && Volatile.Read(ref _draining) == 1)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Completes once no connection is live; call after new connections have stopped.</summary>
    public Task DrainAsync()
    {
        Interlocked.Exchange(ref _draining, 1);
        if (Volatile.Read(ref _active) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}

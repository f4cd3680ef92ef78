namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// Real time until <see cref="Freeze"/>, then that instant for good. A simulator on this clock stops producing
/// when frozen, so what the Pis report afterwards is the final truth the ledger must reach exactly. Timers stay
/// on real time, so connection idle timeouts still work.
/// </summary>
public sealed class FreezableClock : TimeProvider
{
    private long frozenTicks;

    public bool IsFrozen => Interlocked.Read(ref frozenTicks) != 0;

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref frozenTicks);
        return frozen != 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : System.GetUtcNow();
    }

    public DateTimeOffset Freeze()
    {
        Interlocked.CompareExchange(ref frozenTicks, System.GetUtcNow().UtcTicks, 0);
        return GetUtcNow();
    }
}

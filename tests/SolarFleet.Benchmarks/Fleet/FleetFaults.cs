namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// Which simulated Pis misbehave, and how: a share of the fleet hangs (accepts, never answers), refuses connections, or
/// answers every query 2 s late (a poll of eight queries runs into the 10 s poll timeout). The rest are healthy.
/// </summary>
public sealed record FleetFaults(double Hung, double Refusing, double Slow)
{
    /// <summary>The simulator's name of each fault mode, as given to its <c>--fault N=mode</c>.</summary>
    public const string HangMode = "hang";

    public const string RefuseMode = "refuse";

    public const string SlowMode = "slow";

    public static FleetFaults None { get; } = new(0, 0, 0);

    public bool Any => Hung > 0 || Refusing > 0 || Slow > 0;

    /// <summary>Inverters of a fleet of <paramref name="inverters"/> that are hung, refusing and slow (rounded to whole Pis).</summary>
    public (int Hung, int Refusing, int Slow) Counts(int inverters) =>
        ((int)Math.Round(inverters * Hung), (int)Math.Round(inverters * Refusing), (int)Math.Round(inverters * Slow));

    public int FailingCount(int inverters)
    {
        var (hung, refusing, slow) = Counts(inverters);
        return hung + refusing + slow;
    }

    /// <summary>
    /// The fault mode of every Pi (null: healthy), spread over the fleet by a fixed shuffle: every simulator process and
    /// most sites get their share, and two runs of the same size fault the same Pis.
    /// </summary>
    public string?[] Assign(int inverters)
    {
        var (hung, refusing, slow) = Counts(inverters);
        var modes = new string?[inverters];
        var order = Enumerable.Range(0, inverters).ToArray();
        new Random(15).Shuffle(order);
        var next = 0;
        foreach (var (mode, count) in new[] { (HangMode, hung), (RefuseMode, refusing), (SlowMode, slow) })
        {
            for (var i = 0; i < count; i++)
            {
                modes[order[next++]] = mode;
            }
        }

        return modes;
    }
}

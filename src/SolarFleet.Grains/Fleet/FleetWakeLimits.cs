namespace SolarFleet.Grains.Fleet;

/// <summary>How hard a fleet wake pushes: sites in flight at once, and how often and how soon a failed site is tried again.</summary>
public sealed record FleetWakeLimits(int SitesAtOnce, int Attempts, TimeSpan RetryDelay)
{
    /// <summary>
    /// 32 sites (a few hundred inverter activations) at once keeps a survivor's state reads and polls flowing; 5 s
    /// gives every silo's directory time to drop the lost silo's entries.
    /// </summary>
    public static FleetWakeLimits Default { get; } = new(32, 4, TimeSpan.FromSeconds(5));
}

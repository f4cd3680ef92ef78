using Orleans.Runtime;

namespace SolarFleet.Grains.Cluster;

/// <summary>Which silos a membership change declared dead: other silos that were not dead before and are now.</summary>
public static class LostSilos
{
    public static IReadOnlyList<SiloAddress> Between(ClusterMembershipSnapshot previous, ClusterMembershipSnapshot current, SiloAddress self)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        return current.CreateUpdate(previous).Changes
            .Where(member => member.Status == SiloStatus.Dead && !member.SiloAddress.Equals(self))
            .Where(member => previous.GetSiloStatus(member.SiloAddress) != SiloStatus.Dead)
            .Select(member => member.SiloAddress)
            .ToList();
    }
}

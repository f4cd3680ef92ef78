using System.Collections.Immutable;
using System.Net;
using SolarFleet.Grains.Cluster;

namespace SolarFleet.Grains.Tests.Units;

public sealed class LostSilosTests
{
    private static readonly SiloAddress Self = Silo(11111);
    private static readonly SiloAddress Other = Silo(11112);
    private static readonly SiloAddress Third = Silo(11113);

    [Fact]
    public void Another_silo_turning_dead_is_lost()
    {
        var before = Snapshot(1, (Self, SiloStatus.Active), (Other, SiloStatus.Active), (Third, SiloStatus.Active));
        var after = Snapshot(2, (Self, SiloStatus.Active), (Other, SiloStatus.Dead), (Third, SiloStatus.Active));

        Assert.Equal([Other], LostSilos.Between(before, after, Self));
    }

    [Fact]
    public void A_silo_shutting_down_is_lost_once_it_is_dead_and_not_before()
    {
        var active = Snapshot(1, (Self, SiloStatus.Active), (Other, SiloStatus.Active));
        var stopping = Snapshot(2, (Self, SiloStatus.Active), (Other, SiloStatus.ShuttingDown));
        var dead = Snapshot(3, (Self, SiloStatus.Active), (Other, SiloStatus.Dead));

        Assert.Empty(LostSilos.Between(active, stopping, Self));
        Assert.Equal([Other], LostSilos.Between(stopping, dead, Self));
    }

    [Fact]
    public void Silos_dead_already_joining_silos_and_the_silo_itself_are_not_lost()
    {
        var before = Snapshot(1, (Self, SiloStatus.Active), (Other, SiloStatus.Dead));
        var after = Snapshot(2, (Self, SiloStatus.Dead), (Other, SiloStatus.Dead), (Third, SiloStatus.Joining));

        Assert.Empty(LostSilos.Between(before, after, Self));
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private static ClusterMembershipSnapshot Snapshot(long version, params (SiloAddress Silo, SiloStatus Status)[] members) =>
        new(members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))), new MembershipVersion(version));
}

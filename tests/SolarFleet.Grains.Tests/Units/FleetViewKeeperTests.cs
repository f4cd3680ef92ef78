using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Fleet;

namespace SolarFleet.Grains.Tests.Units;

public sealed class FleetViewKeeperTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _real = new(Noon);
    private readonly List<DateTimeOffset> _builds = [];

    private FleetViewKeeper Keeper() => new(
        (now, stamp) =>
        {
            _builds.Add(now);
            return new FleetView(stamp, new FleetSummary(0, 0, 0, 0, HealthCounts.Zero, 0, null), Array.Empty<SiteSummary>(), Array.Empty<Problem>());
        },
        _real,
        Freshness);

    [Fact]
    public void Reads_within_a_second_share_one_view_and_a_read_after_it_gets_a_new_one()
    {
        var keeper = Keeper();
        var first = keeper.Current(membership: 1, Noon);
        _real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Same(first, keeper.Current(membership: 1, Noon));

        _real.Advance(TimeSpan.FromMilliseconds(1));
        var second = keeper.Current(membership: 1, Noon);
        Assert.NotEqual(first.Stamp, second.Stamp);
        Assert.Equal(2, _builds.Count);
    }

    [Fact]
    public void A_site_joining_or_leaving_builds_the_view_again_at_once()
    {
        var keeper = Keeper();
        var first = keeper.Current(membership: 1, Noon);
        var second = keeper.Current(membership: 2, Noon);
        Assert.NotEqual(first.Stamp, second.Stamp);
        Assert.Same(second, keeper.Current(membership: 2, Noon));
    }

    [Fact]
    public void A_grains_clock_moved_on_or_back_builds_the_view_again_for_the_new_time()
    {
        // A test clock jumps a day without real time passing: the view must show the new local dates.
        var keeper = Keeper();
        keeper.Current(membership: 1, Noon);
        keeper.Current(membership: 1, Noon.AddDays(1));
        keeper.Current(membership: 1, Noon);
        Assert.Equal([Noon, Noon.AddDays(1), Noon], _builds);
    }
}

using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Grains.Fleet;

/// <summary>
/// Keeps the fleet's <see cref="FleetView"/> and builds it again only when it is stale: when the list of sites changed
/// (a site added or removed shows at the next read), or once it is <see cref="Freshness"/> old. Reads then cost the
/// fleet grain nothing; at 10,000 sites, building the view for every request was what held it up.
/// </summary>
/// <remarks>
/// Age counts on two clocks: real time (the work saved is real) and the grains' clock, so a test clock moved to the
/// next day shows a new local date at once.
/// </remarks>
public sealed class FleetViewKeeper(Func<DateTimeOffset, long, FleetView> build, TimeProvider realTime, TimeSpan freshness)
{
    // Random at activation, so a reader's stamp from an earlier activation never matches by chance; never 0 (see
    // IFleetGrain.GetView).
    private long _stamp = Random.Shared.NextInt64(long.MaxValue / 2);
    private FleetView? _view;
    private long _membership;
    private long _builtAt;
    private DateTimeOffset _builtFor;

    public TimeSpan Freshness => freshness;

    /// <summary>The view, built again first if stale. <paramref name="membership"/> changes whenever the list of sites does.</summary>
    public FleetView Current(long membership, DateTimeOffset now)
    {
        if (_view is null
            || membership != _membership
            || realTime.GetElapsedTime(_builtAt) >= freshness
            || (now - _builtFor).Duration() >= freshness)
        {
            _view = build(now, ++_stamp);
            _membership = membership;
            _builtAt = realTime.GetTimestamp();
            _builtFor = now;
        }

        return _view;
    }
}

using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Simulator.Cli;

/// <summary>One Pi's faults from the command line; a start given as a local time is placed on the simulated day.</summary>
internal sealed record FaultRequest(PiFaults Faults, TimeOnly? SinceLocal)
{
    /// <summary>The faults to set at <paramref name="now"/>: a start time is taken on the site's date of now.</summary>
    public PiFaults At(SimulatedSite site, DateTimeOffset now)
    {
        if (SinceLocal is not { } since)
        {
            return Faults;
        }

        var today = DateOnly.FromDateTime(site.LocalTime(now));
        return Faults with { Since = site.Instant(today.ToDateTime(since)) };
    }
}

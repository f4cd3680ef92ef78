using SolarFleet.Abstractions.Health;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Health;

/// <summary>The health model of the design notes, applied to one good poll.</summary>
public static class HealthRules
{
    /// <summary>
    /// Judges a successful poll. <paramref name="timestamp"/> is the Pi's TimeStamp (site-local wall time);
    /// <paramref name="siteLocalNow"/> is the poll clock in the site's zone; <paramref name="timestampUnchangedFor"/>
    /// is how long (on the poll clock) the TimeStamp has had its current value. A <paramref name="clockSkewed"/> TimeStamp
    /// is judged only by whether it moves, never by its value. <paramref name="clockLag"/> is how far the Pi's clock runs
    /// behind the site's (learned from TimeStamps seen moving, see <see cref="ClockLag"/>): a TimeStamp's age is judged net
    /// of it, so a Pi whose clock lags by minutes is not stale while its values move.
    /// </summary>
    public static InverterHealth OfGoodPoll(
        int? statusCode,
        DateTime? timestamp,
        DateTime siteLocalNow,
        TimeSpan timestampUnchangedFor,
        TimeSpan staleAfter,
        bool clockSkewed = false,
        TimeSpan? clockLag = null)
    {
        var status = InverterStatus.Classify(statusCode);
        if (status == InverterStatusKind.Fault)
        {
            return InverterHealth.Fault;
        }

        var generating = status is InverterStatusKind.Generating or InverterStatusKind.Syncing;
        if (clockSkewed && timestamp is not null)
        {
            return !generating ? InverterHealth.Asleep
                : timestampUnchangedFor >= staleAfter ? InverterHealth.Stale
                : InverterHealth.Online;
        }

        if (timestamp is not { } stamp)
        {
            // Firmware without TimeStamp: freshness cannot be judged, so the status alone decides.
            return generating ? InverterHealth.Online : InverterHealth.Asleep;
        }

        var lag = clockLag ?? TimeSpan.Zero;
        if (DateOnly.FromDateTime(stamp + lag) < DateOnly.FromDateTime(siteLocalNow))
        {
            // The last values the Pi saw are from an earlier day: the inverter has not woken up today.
            return InverterHealth.Asleep;
        }

        var stopped = timestampUnchangedFor >= staleAfter || siteLocalNow - stamp - lag >= staleAfter;
        if (!stopped)
        {
            return InverterHealth.Online;
        }

        return generating ? InverterHealth.Stale : InverterHealth.Asleep;
    }

    /// <summary>Unhealthy states an installer must look at.</summary>
    public static bool IsProblem(InverterHealth health) =>
        health is InverterHealth.Unreachable or InverterHealth.Stale or InverterHealth.Fault;

    /// <summary>Only an online or faulted inverter's PowerNow is live; asleep, stale, unreachable and pending count 0 W.</summary>
    public static bool CountsPower(InverterHealth health) => health is InverterHealth.Online or InverterHealth.Fault;
}

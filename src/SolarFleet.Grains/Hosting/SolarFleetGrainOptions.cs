using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Grains.Hosting;

/// <summary>How the inverter, site and fleet grains poll, judge health, persist and push.</summary>
public sealed class SolarFleetGrainOptions
{
    /// <summary>Limits of one poll (connect and poll timeouts, line and poll size bounds).</summary>
    public PiClientOptions PiClient { get; set; } = new();

    /// <summary>The quantities asked on every poll.</summary>
    public PiQuerySet Queries { get; set; } = PiQuerySet.All;

    /// <summary>
    /// Spread polls uniformly across the period, so a fleet does not poll in lockstep: an inverter resuming after
    /// activation polls first at a random point of its period; a new registration polls at once, and again at a random
    /// point of the period that follows. Off: every first poll at once, then the plain period.
    /// </summary>
    public bool JitterFirstPoll { get; set; } = true;

    /// <summary>Most polls one silo runs at once (each holds a socket); more wait their turn.</summary>
    public int MaxPollsInFlight { get; set; } = 1024;

    /// <summary>
    /// The share of those slots that polls of failing inverters (the last poll failed) may hold, at least one: hung
    /// Pis hold theirs until the poll times out, and must not keep healthy inverters waiting. The same share stays
    /// reserved for inverters whose Pi answers: failing polls and those of Pis never yet answered (a new registration's
    /// first poll, which cannot be told from a hung Pi's) together hold at most the rest. 1: no bound, no reserve.
    /// </summary>
    public double FailingPollShare { get; set; } = 0.25;

    /// <summary>
    /// An inverter writes its state when the silo shuts down, so the next activation starts from its latest
    /// bookkeeping. Off where state does not outlive the process anyway (the embedded in-memory storage, whose own
    /// grains are being deactivated at the same time).
    /// </summary>
    public bool WriteStateOnShutdown { get; set; } = true;

    /// <summary>Upper bound of the exponential backoff while a Pi fails (never below the inverter's own period).</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed polls after which an inverter is Unreachable.</summary>
    public int UnreachableAfterFailures { get; set; } = 3;

    /// <summary>A TimeStamp that has not advanced for this long (about three inverter cycles) is no longer fresh.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(70);

    /// <summary>
    /// How far ahead of the site's clock a Pi's TimeStamp may be before it is not believed (clock-skewed): such a
    /// TimeStamp does not decide which date the reading's energy belongs to.
    /// </summary>
    public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a removed site stays reachable for its energy history (the stored rows themselves are kept for good).
    /// Thirteen months: a year of bills, and the month they are disputed in.
    /// </summary>
    public TimeSpan RemovedRetention { get; set; } = TimeSpan.FromDays(396);

    /// <summary>Period of each site's persistent reminder, which re-activates the site and its inverters after a silo loss (Orleans' minimum is one minute).</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a site failed to register its reminder (its store unreachable, or out of connections), the first wait
    /// before it tries again; each further failure doubles it, up to <see cref="ReminderPeriod"/>.
    /// </summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A site pushes its report to the fleet at most this often.</summary>
    public TimeSpan SitePushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Without a state-changing event, an inverter writes its grain state at most this often.</summary>
    public TimeSpan StateWriteInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Site-local dates of ledger rows kept in grain state; older rows are served by the ledger store.</summary>
    public int LedgerDaysInState { get; set; } = 3;

    /// <summary>Readings kept by the in-memory reading log of the embedded default.</summary>
    public int ReadingLogCapacity { get; set; } = 10_000;

    /// <summary>Sites a fleet document pass configures at once (each a few grain calls).</summary>
    public int FleetApplyParallelism { get; set; } = 64;

    /// <summary>Most problems the fleet lists (oldest first).</summary>
    public int MaxFleetProblems { get; set; } = 1_000;

    /// <summary>How old the fleet's shared view (roll-up, sites, problems) may get before a read builds it again.</summary>
    public TimeSpan FleetViewFreshness { get; set; } = TimeSpan.FromSeconds(1);
}

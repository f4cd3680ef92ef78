namespace SolarFleet.Benchmarks.Failover;

/// <summary>The JSON summary of one failover run. Times in seconds.</summary>
public sealed record FailoverReport
{
    public required string Date { get; init; }

    public required string Machine { get; init; }

    public required string Command { get; init; }

    public required int Inverters { get; init; }

    public required int Sites { get; init; }

    public required int PeriodSeconds { get; init; }

    public required int SimulatorProcesses { get; init; }

    /// <summary>From the start of PUT /api/fleet until the simulators had seen every Pi polled.</summary>
    public double? FirstPollSeconds { get; init; }

    /// <summary>Polls each silo made over one period before the kill: about the inverters it hosted.</summary>
    public long PollsPerPeriodKilled { get; init; }

    public long PollsPerPeriodSurvivor { get; init; }

    /// <summary>Pis not polled within one period (and two seconds) of the kill: the inverters the killed silo hosted.</summary>
    public int OrphanedAfterOnePeriod { get; init; }

    /// <summary>From the SIGKILL until the membership table listed the silo dead (null: not seen).</summary>
    public double? DeclaredDeadSeconds { get; init; }

    /// <summary>From the SIGKILL until the simulators had accepted a new connection on every Pi (null: not within the timeout).</summary>
    public double? AllPolledAgainSeconds { get; init; }

    /// <summary>Pis still not polled again when the wait ended (0 when every one was).</summary>
    public int NotPolledAgain { get; init; }

    /// <summary>Pis that ever served more than one connection at once, over the whole run.</summary>
    public int OverlappingPis { get; init; }

    public int MaxConcurrentConnections { get; init; }

    /// <summary>Of those, the Pis that had already when the silo was killed: overlaps of the cluster, not of the failover.</summary>
    public int OverlappingBeforeKill { get; init; }

    /// <summary>The first ten Pis that served overlapping polls, to look for in the silos' logs.</summary>
    public IReadOnlyList<string> OverlappingPiEndpoints { get; init; } = [];

    /// <summary>The site-local day whose ledger was compared with the simulators' frozen truth.</summary>
    public string LedgerDate { get; init; } = string.Empty;

    public long TruthWh { get; init; }

    public long LedgerWh { get; init; }

    public int LedgerSitesDiffering { get; init; }

    /// <summary>Inverters whose ledger differs, in the first 100 differing sites (each is one request).</summary>
    public int LedgerInvertersDiffering { get; init; }

    /// <summary>Sum over those inverters of |ledger - truth|.</summary>
    public long LedgerDifferenceWh { get; init; }

    /// <summary>From the freeze until the ledger equalled the truth (null: not within the timeout).</summary>
    public double? LedgerExactSeconds { get; init; }

    public double SurvivorPeakRssMiB { get; init; }

    public required IReadOnlyList<string> TargetsMissed { get; init; }
}

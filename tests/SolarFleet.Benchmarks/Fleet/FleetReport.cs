namespace SolarFleet.Benchmarks.Fleet;

/// <summary>The JSON summary of one fleet run. Times in seconds unless the name says otherwise.</summary>
public sealed record FleetReport
{
    public required string Date { get; init; }

    public required string Machine { get; init; }

    public required string Command { get; init; }

    public required int Inverters { get; init; }

    /// <summary>Inverters whose Pis answer; the rest hang, refuse or answer too slowly (see <see cref="FleetFaults"/>).</summary>
    public int HealthyInverters { get; init; }

    public int Hung { get; init; }

    public int Refusing { get; init; }

    public int Slow { get; init; }

    public required int Sites { get; init; }

    public required int PeriodSeconds { get; init; }

    public required string Storage { get; init; }

    public required int SimulatorProcesses { get; init; }

    public required FloorReport Floor { get; init; }

    public required SiloReport Silo { get; init; }

    /// <summary>SolarFleet's CPU per poll over the floor's, measured in the same run.</summary>
    public double CpuRatioToFloor { get; init; }

    /// <summary>Connections the simulators accepted over the whole run (floor and silo, every result).</summary>
    public long SimulatorConnections { get; init; }

    /// <summary>The reads sent during the window (--reads); null without.</summary>
    public ReadsReport? Reads { get; init; }

    /// <summary>The dashboard's pages in Chromium after the window, the fleet still polling (--browser); null without.</summary>
    public BrowserReport? Browser { get; init; }

    /// <summary>Today's fleet energy report, asked for once after the window (and after the browser's visits).</summary>
    public EnergyReportTiming? EnergyReport { get; init; }

    public required IReadOnlyList<string> TargetsMissed { get; init; }
}

/// <summary>The protocol-client floor's measured window.</summary>
public sealed record FloorReport(
    double WindowSeconds,
    long PollsExpected,
    long PollsOk,
    long PollsFailed,
    double CpuSeconds,
    double CpuMillisecondsPerPoll,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    string? FirstFailure);

/// <summary>The silo's figures: start-up phases, then the measured steady-state window.</summary>
public sealed record SiloReport
{
    public double RegistrationSeconds { get; init; }

    /// <summary>From the start of the registration request until every healthy inverter had answered (null: not within the timeout).</summary>
    public double? AllPolledSeconds { get; init; }

    public int PendingAtWindowStart { get; init; }

    public double WindowSeconds { get; init; }

    public long PollsExpected { get; init; }

    public long PollsOk { get; init; }

    /// <summary>Failed polls in the window by result tag.</summary>
    public IReadOnlyDictionary<string, long> PollsFailed { get; init; } = new Dictionary<string, long>();

    /// <summary>Good polls over polls expected of the healthy inverters (healthy inverters × window / period).</summary>
    public double Completion { get; init; }

    /// <summary>± on <see cref="Completion"/>: where inside the two scrape requests the counters were read is not known.</summary>
    public double CompletionUncertainty { get; init; }

    /// <summary>Good polls that began to connect within <see cref="FleetTargets.OnTimeSeconds"/> of falling due.</summary>
    public long PollsOnTime { get; init; }

    /// <summary><see cref="PollsOnTime"/> over polls expected of the healthy inverters (± as <see cref="Completion"/>).</summary>
    public double OnTime { get; init; }

    /// <summary>How long after falling due the good polls began to connect, p99 (the schedule, the grain's queue, a slot).</summary>
    public double LatenessP99Ms { get; init; }

    /// <summary>The same for failed polls, p50: failing inverters wait behind each other for their share of the slots.</summary>
    public double FailingLatenessP50Seconds { get; init; }

    /// <summary>Poll slots failed polls held on average through the window (their summed duration over its length).</summary>
    public double FailingSlotsHeldMean { get; init; }

    /// <summary>Latency of the good polls (the healthy inverters'), connect to close.</summary>
    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    /// <summary>Upper bound of the highest histogram bucket that got a good poll (the exporter keeps no exact maximum).</summary>
    public double LatencyMaxBucketMs { get; init; }

    public double DataAgeP99Seconds { get; init; }

    public double CpuSeconds { get; init; }

    public double CpuMillisecondsPerPoll { get; init; }

    /// <summary>Highest resident set since the silo started (registration included).</summary>
    public double PeakRssMiB { get; init; }

    /// <summary>Resident set at the window's end: what the fleet holds once it polls steadily.</summary>
    public double RssAtEndMiB { get; init; }

    /// <summary>CPU the simulated Pis used in the same window, on the same cores.</summary>
    public double SimulatorCpuSeconds { get; init; }

    /// <summary>GC pause time in the window, and since the silo started.</summary>
    public double GcPauseWindowSeconds { get; init; }

    public double GcPauseTotalSeconds { get; init; }

    /// <summary>History rows buffered (ledger + readings): highest seen in the window and at its end. Postgres only.</summary>
    public double? HistoryBacklogMax { get; init; }

    public double? HistoryBacklogEnd { get; init; }

    /// <summary>Every backlog sample of the window, in order (about ten): a backlog that keeps up rises and falls.</summary>
    public IReadOnlyList<double>? HistoryBacklogSamples { get; init; }

    public double? HistoryDropped { get; init; }
}

using System.Globalization;
using Npgsql;
using SolarFleet.Benchmarks.Fleet;
using SolarFleet.Benchmarks.Metrics;
using SolarFleet.Benchmarks.Processes;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Benchmarks.Failover;

/// <summary>
/// One failover run: simulators, a private PostgreSQL, two silos of one cluster each held to its own core, the fleet
/// registered through one of them; once it is steady the silo polling more of it gets SIGKILL. The simulators count
/// what happens from then on: when every Pi was polled again, whether any Pi served two polls at once, and (frozen at
/// the end) the day's energy the survivor's ledger must equal. Every child process is stopped at the end.
/// </summary>
public sealed class FailoverRun(FailoverArguments arguments, TextWriter log)
{
    private const string PollsMetric = "solarfleet_polls_total";

    // Orleans SiloStatus.Dead, as the membership table stores it.
    private const int DeadStatus = 6;
    private const int MaxSitesExamined = 100;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = TimeProvider.System;

    public async Task<FailoverReport> RunAsync(string command, CancellationToken cancellationToken)
    {
        RequireTaskset();
        var bin = arguments.BinDirectory ?? FleetRun.DefaultBinDirectory();
        var siloDll = FleetRun.RequireFile(Path.Combine(bin, "SolarFleet.Silo.dll"));
        var simulatorDll = FleetRun.RequireFile(Path.Combine(bin, "SolarFleet.Simulator.dll"));
        var output = arguments.OutputDirectory ?? Directory.CreateTempSubdirectory("solarfleet-failover-").FullName;
        Directory.CreateDirectory(output);
        Log($"logs and summary in {output}");

        // Where it is midday now: the ledger is checked against a day's energy, which a site at night does not have.
        var site = DaylightSite.Simulated("failover");
        await using var simulators = await SimulatorFleet.StartAsync(simulatorDll, arguments.Inverters, arguments.PisPerSimulator, output, cancellationToken, site: site);
        Log($"{simulators.Endpoints.Count} simulated Pis ready in {simulators.ProcessCount} simulator processes, at a site where it is day ({site.TimeZoneId})");
        await using var postgres = await PostgresServer.StartNewAsync(cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("failover", cancellationToken)) { Pooling = true, MaxPoolSize = 50, Timeout = 15 }.ConnectionString;
        Log($"PostgreSQL on 127.0.0.1:{postgres.Port}");

        // One cluster of two silos on loopback; later settings win, so these replace the one-silo defaults.
        List<string> settings =
        [
            $"--SolarFleet:Orleans:ClusterId=failover-{Guid.NewGuid().ToString("N")[..8]}",
            "--SolarFleet:Orleans:AdvertisedIp=127.0.0.1",
            .. arguments.SiloSettings,
        ];
        await using var a = await SiloProcess.StartAsync(siloDll, database, settings, Path.Combine(output, "silo-a.log"), cancellationToken, cpu: 0);
        await using var b = await SiloProcess.StartAsync(siloDll, database, settings, Path.Combine(output, "silo-b.log"), cancellationToken, cpu: 1);
        Log("silos a (core 0) and b (core 1) ready");

        var registering = _time.GetTimestamp();
        await a.RegisterFleetAsync(FleetDocumentWriter.Write(simulators.Endpoints, arguments.InvertersPerSite, arguments.PeriodSeconds, site.TimeZoneId), cancellationToken);
        Log($"registered {arguments.Inverters} inverters through silo a in {_time.GetElapsedTime(registering).TotalSeconds:0.0} s");
        var (firstPolled, _) = await WaitPolledAsync(simulators, new long[arguments.Inverters], TimeSpan.FromSeconds(arguments.FirstPollTimeoutSeconds), null, cancellationToken);
        var firstPoll = firstPolled is null ? _time.GetElapsedTime(registering).TotalSeconds : (double?)null;
        Log(firstPoll is { } f ? $"every inverter polled {f:0.0} s after registration began; settling {arguments.Settle.TotalSeconds:0} s" : "not every inverter was polled; going on");
        await Task.Delay(arguments.Settle, _time, cancellationToken);

        // Placement is random: the silo that polls more of the fleet is the one to kill.
        var pollsA = Polls(await a.ScrapeAsync(cancellationToken));
        var pollsB = Polls(await b.ScrapeAsync(cancellationToken));
        await Task.Delay(arguments.Period, _time, cancellationToken);
        pollsA = Polls(await a.ScrapeAsync(cancellationToken)) - pollsA;
        pollsB = Polls(await b.ScrapeAsync(cancellationToken)) - pollsB;
        var (doomed, survivor, doomedName) = pollsA >= pollsB ? (a, b, "a") : (b, a, "b");
        Log($"polls in one period: a {pollsA}, b {pollsB}; killing silo {doomedName} with SIGKILL");

        var killed = _time.GetTimestamp();
        await doomed.Process.KillAsync();
        // Counted once the process is gone: every connection from here on comes from the survivor.
        var atKill = await simulators.StatsAsync(cancellationToken);
        var afterKill = atKill.Select(s => s.Connections).ToArray();
        var dead = WaitDeclaredDeadAsync(database, doomed.SiloPort, killed, cancellationToken);
        var (polledAgain, orphaned) = await WaitPolledAsync(simulators, afterKill, TimeSpan.FromSeconds(arguments.FailoverTimeoutSeconds), killed, cancellationToken);
        var polledAgainSeconds = polledAgain is null ? _time.GetElapsedTime(killed).TotalSeconds : (double?)null;
        var declaredDead = await dead;
        Log(polledAgainSeconds is { } p
            ? $"every inverter polled again {p:0.0} s after the kill ({orphaned} had not been within one period); silo declared dead after {declaredDead:0.0} s"
            : $"{polledAgain} inverters not polled again within {arguments.FailoverTimeoutSeconds} s");

        Log($"the survivor runs the whole fleet for {arguments.After.TotalSeconds:0} s, then the simulators' clocks stop");
        await Task.Delay(arguments.After, _time, cancellationToken);
        await simulators.FreezeAsync(cancellationToken);
        var frozen = _time.GetTimestamp();
        var day = SiteCalendar.Today(_time, site.TimeZoneId);
        var atFreeze = (await simulators.StatsAsync(cancellationToken)).Select(s => s.Connections).ToArray();
        await WaitPolledAsync(simulators, atFreeze, arguments.Period * 2 + TimeSpan.FromSeconds(30), null, cancellationToken);
        var truth = await simulators.StatsAsync(cancellationToken);

        var ledger = new LedgerCheck(survivor.Http, truth, arguments.InvertersPerSite, day);
        var (sites, ledgerWh) = await ledger.CompareSitesAsync(cancellationToken);
        while (sites.Count > 0 && _time.GetElapsedTime(frozen) < TimeSpan.FromSeconds(arguments.LedgerTimeoutSeconds))
        {
            await Task.Delay(Tick * 2, _time, cancellationToken);
            (sites, ledgerWh) = await ledger.CompareSitesAsync(cancellationToken);
        }

        double? exactAfter = sites.Count == 0 ? _time.GetElapsedTime(frozen).TotalSeconds : null;
        Log($"ledger of {day:yyyy-MM-dd}: {ledgerWh} Wh against a truth of {ledger.TruthWh} Wh; {sites.Count} sites differ");

        // One request per inverter: at 100,000 inverters a ledger far off would take longer than the run; a sample tells.
        var examined = sites.Take(MaxSitesExamined).ToList();
        var (inverters, differenceWh) = await ledger.CompareInvertersAsync(examined, cancellationToken);
        Log($"{inverters} inverters differ by {differenceWh} Wh in the {examined.Count} of those sites examined one by one");

        var final = await simulators.StatsAsync(cancellationToken);
        var peakRss = survivor.Process.PeakResidentBytes() / 1024.0 / 1024.0;
        await survivor.Process.StopAsync(TimeSpan.FromSeconds(30));
        await simulators.StopAsync();
        var report = new FailoverReport
        {
            Date = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Machine = MachineInfo.Describe(),
            Command = command,
            Inverters = arguments.Inverters,
            Sites = (arguments.Inverters + arguments.InvertersPerSite - 1) / arguments.InvertersPerSite,
            PeriodSeconds = arguments.PeriodSeconds,
            SimulatorProcesses = simulators.ProcessCount,
            FirstPollSeconds = firstPoll,
            PollsPerPeriodKilled = Math.Max(pollsA, pollsB),
            PollsPerPeriodSurvivor = Math.Min(pollsA, pollsB),
            OrphanedAfterOnePeriod = orphaned,
            DeclaredDeadSeconds = declaredDead,
            AllPolledAgainSeconds = polledAgainSeconds,
            NotPolledAgain = polledAgain ?? 0,
            OverlappingPis = final.Count(s => s.MaxConcurrent > 1),
            OverlappingBeforeKill = atKill.Count(s => s.MaxConcurrent > 1),
            OverlappingPiEndpoints = [.. final.Select((s, i) => (s, i)).Where(p => p.s.MaxConcurrent > 1).Take(10).Select(p => simulators.Endpoints[p.i].ToString())],
            MaxConcurrentConnections = final.Max(s => s.MaxConcurrent),
            LedgerDate = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TruthWh = ledger.TruthWh,
            LedgerWh = ledgerWh,
            LedgerSitesDiffering = sites.Count,
            LedgerInvertersDiffering = inverters,
            LedgerDifferenceWh = differenceWh,
            LedgerExactSeconds = exactAfter,
            SurvivorPeakRssMiB = peakRss,
            TargetsMissed = [],
        };
        report = report with { TargetsMissed = FailoverTargets.Missed(report) };
        await File.WriteAllTextAsync(Path.Combine(output, "summary.json"), FailoverCommand.ToJson(report), cancellationToken);
        return report;
    }

    /// <summary>
    /// Waits until every Pi has accepted a connection since <paramref name="before"/>. Returns null when all have,
    /// or how many had not at the timeout; and, when <paramref name="since"/> is given, how many had not one period
    /// (and two seconds of lateness) after it.
    /// </summary>
    private async Task<(int? Waiting, int AfterOnePeriod)> WaitPolledAsync(SimulatorFleet simulators, long[] before, TimeSpan timeout, long? since, CancellationToken cancellationToken)
    {
        var start = since ?? _time.GetTimestamp();
        var onePeriod = arguments.Period + TimeSpan.FromSeconds(2);
        int? afterOnePeriod = null;
        while (true)
        {
            var stats = await simulators.StatsAsync(cancellationToken);
            var waiting = stats.Where((s, i) => s.Connections <= before[i]).Count();
            var elapsed = _time.GetElapsedTime(start);
            if (afterOnePeriod is null && elapsed >= onePeriod)
            {
                afterOnePeriod = waiting;
            }

            if (waiting == 0 || elapsed > timeout)
            {
                return (waiting == 0 ? null : waiting, afterOnePeriod ?? 0);
            }

            await Task.Delay(Tick, _time, cancellationToken);
        }
    }

    /// <summary>Seconds from the kill until the membership table listed the silo dead; null when not within the failover timeout.</summary>
    private async Task<double?> WaitDeclaredDeadAsync(string database, int siloPort, long killed, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE port = $1 AND status = $2", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = siloPort });
        query.Parameters.Add(new NpgsqlParameter { Value = DeadStatus });
        while (_time.GetElapsedTime(killed) < TimeSpan.FromSeconds(arguments.FailoverTimeoutSeconds))
        {
            if ((long)(await query.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                return _time.GetElapsedTime(killed).TotalSeconds;
            }

            await Task.Delay(Tick / 4, _time, cancellationToken);
        }

        return null;
    }

    private static long Polls(string scrape) => (long)PrometheusSample.Parse(scrape).Sum(PollsMetric);

    /// <summary>Each silo is held to one core with taskset (util-linux); without it the run would measure something else.</summary>
    private static void RequireTaskset()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (!path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "taskset"))))
        {
            throw new InvalidOperationException("taskset was not found on PATH (install util-linux): each silo is held to one core with it.");
        }
    }

    private void Log(string message) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_time.GetLocalNow():HH:mm:ss}] {message}"));
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using SolarFleet.Benchmarks.Metrics;
using SolarFleet.Benchmarks.Processes;
using SolarFleet.Postgres.Tests.Infrastructure;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// One fleet run: simulators, the protocol-client floor, then the silo (with an optional private PostgreSQL)
/// registered with the whole fleet in one request, measured over a steady-state window. Every child process is
/// stopped at the end, whatever happened.
/// </summary>
public sealed class FleetRun(FleetArguments arguments, TextWriter log)
{
    private const string PollsMetric = "solarfleet_polls_total";
    private const string PollDurationMetric = "solarfleet_poll_duration_seconds";
    private const string PollLatenessMetric = "solarfleet_poll_lateness_seconds";
    private const string DataAgeMetric = "solarfleet_data_age_seconds";
    private const string GcPauseMetric = "dotnet_gc_pause_time_seconds_total";
    private const string BacklogMetric = "solarfleet_history_backlog";
    private const string DroppedMetric = "solarfleet_history_dropped_total";
    private const string OkResult = "result=\"ok\"";

    private readonly TimeProvider _time = TimeProvider.System;

    public async Task<FleetReport> RunAsync(string command, CancellationToken cancellationToken)
    {
        var bin = arguments.BinDirectory ?? DefaultBinDirectory();
        var siloDll = RequireFile(Path.Combine(bin, "SolarFleet.Silo.dll"));
        var simulatorDll = RequireFile(Path.Combine(bin, "SolarFleet.Simulator.dll"));
        var output = arguments.OutputDirectory ?? Directory.CreateTempSubdirectory("solarfleet-bench-").FullName;
        Directory.CreateDirectory(output);
        Log($"logs and summary in {output}");

        var faults = arguments.Faults.Assign(arguments.Inverters);
        var (hung, refusing, slow) = arguments.Faults.Counts(arguments.Inverters);
        await using var simulators = await SimulatorFleet.StartAsync(simulatorDll, arguments.Inverters, arguments.PisPerSimulator, output, cancellationToken, faults);
        Log($"{simulators.Endpoints.Count} simulated Pis ready in {simulators.ProcessCount} simulator processes ({hung} hung, {refusing} refusing, {slow} slow)");

        // The floor is what polling the answering Pis costs; failing Pis cost a timeout or a refusal, not a poll.
        var healthyPis = simulators.Endpoints.Where((_, i) => faults[i] is null).ToList();
        Log($"floor: protocol client alone, {healthyPis.Count} healthy Pis, {arguments.FloorWindow.TotalSeconds:0} s window after one period of warm-up");
        var floor = await FloorRun.RunAsync(healthyPis, arguments.Period, arguments.FloorWindow, cancellationToken);
        Log($"floor: {floor.PollsOk}/{floor.PollsExpected} polls, {floor.CpuMillisecondsPerPoll:0.000} ms CPU per poll, p99 {floor.LatencyP99Ms:0.0} ms");

        PostgresServer? postgres = null;
        try
        {
            string? connectionString = null;
            if (arguments.Postgres)
            {
                postgres = await PostgresServer.StartNewAsync(cancellationToken);
                // The server helper hands out unpooled strings (its tests drop databases); a silo wants a pool.
                connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("bench", cancellationToken)) { Pooling = true, MaxPoolSize = 50, Timeout = 15 }.ConnectionString;
                Log($"PostgreSQL on 127.0.0.1:{postgres.Port}");
            }

            var silo = await SiloProcess.StartAsync(siloDll, connectionString, arguments.SiloSettings, Path.Combine(output, "silo.log"), cancellationToken);
            await using (silo)
            {
                using var reader = arguments.ReadsPerSecond > 0 || arguments.Browser
                    ? await ReaderSession.SignInAsync(silo.Http.BaseAddress!, silo.ApiKey, cancellationToken)
                    : null;
                var (report, reads) = await MeasureSiloAsync(silo, simulators, healthyPis.Count, reader, cancellationToken);
                var browser = arguments.Browser ? await CheckBrowserAsync(silo, reader!, cancellationToken) : null;
                var energyReport = await EnergyReportTiming.MeasureAsync(silo.Http, SiteToday(), cancellationToken);
                Log($"fleet energy report for today: {energyReport.Rows} rows ({energyReport.SitesWithEnergy} sites with energy, {energyReport.EnergyWh} Wh, {energyReport.Bytes / 1024.0:0} KB) in {energyReport.Seconds:0.00} s");
                await silo.Process.StopAsync(TimeSpan.FromSeconds(30));
                var connections = await simulators.StopAsync();
                var full = new FleetReport
                {
                    Date = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                    Machine = MachineInfo.Describe(),
                    Command = command,
                    Inverters = arguments.Inverters,
                    HealthyInverters = healthyPis.Count,
                    Hung = hung,
                    Refusing = refusing,
                    Slow = slow,
                    Sites = arguments.Sites,
                    PeriodSeconds = arguments.PeriodSeconds,
                    Storage = arguments.Postgres ? "postgres" : "memory",
                    SimulatorProcesses = simulators.ProcessCount,
                    Floor = floor,
                    Silo = report,
                    CpuRatioToFloor = report.CpuMillisecondsPerPoll / floor.CpuMillisecondsPerPoll,
                    SimulatorConnections = connections,
                    Reads = reads,
                    Browser = browser,
                    EnergyReport = energyReport,
                    TargetsMissed = [],
                };
                full = full with { TargetsMissed = FleetTargets.Missed(full) };
                await File.WriteAllTextAsync(Path.Combine(output, "summary.json"), FleetCommand.ToJson(full), cancellationToken);
                return full;
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private async Task<(SiloReport Silo, ReadsReport? Reads)> MeasureSiloAsync(SiloProcess silo, SimulatorFleet simulators, int healthy, ReaderSession? reader, CancellationToken cancellationToken)
    {
        var document = FleetDocumentWriter.Write(simulators.Endpoints, arguments.InvertersPerSite, arguments.PeriodSeconds);
        Log($"registering {simulators.Endpoints.Count} inverters in one PUT /api/fleet ({document.Length / 1024.0 / 1024.0:0.0} MiB)");
        var registering = _time.GetTimestamp();
        using (var content = new ByteArrayContent(document))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            // Wait for the fleet to match the document: registration ends when every inverter is configured.
            using var response = await silo.Http.PutAsync(new Uri("/api/fleet?wait=600", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"PUT /api/fleet answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var registration = _time.GetElapsedTime(registering);
        Log($"registered in {registration.TotalSeconds:0.0} s; waiting for every inverter's first poll");
        var (allPolled, pending) = await WaitForFirstPollsAsync(silo, registering, healthy, cancellationToken);
        Log(allPolled is { } seconds ? $"every healthy inverter polled {seconds:0.0} s after registration began" : $"{pending} inverters still pending after {arguments.FirstPollTimeoutSeconds} s");

        Log($"settling {arguments.Settle.TotalSeconds:0} s");
        var warmUp = await SettleAsync(reader, cancellationToken);

        var window = arguments.Window;
        Log($"measuring {window.TotalSeconds:0} s");
        // About ten scrapes per window, no more often than a Prometheus server would (each one costs the silo CPU).
        var sampleInterval = TimeSpan.FromSeconds(Math.Clamp(window.TotalSeconds / 10, 2, 15));
        var simulatorCpuBefore = simulators.CpuTime();
        var reads = StartReads(reader, window, cancellationToken);
        var first = await ScrapeAsync(silo, cancellationToken);
        var before = first.Sample;
        var backlog = new List<double>();
        while (window - _time.GetElapsedTime(first.At) > sampleInterval)
        {
            await Task.Delay(sampleInterval, _time, cancellationToken);
            backlog.Add(PrometheusSample.Parse(await silo.ScrapeAsync(cancellationToken)).Sum(BacklogMetric));
        }

        var left = window - _time.GetElapsedTime(first.At);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, _time, cancellationToken);
        }

        var last = await ScrapeAsync(silo, cancellationToken);
        var simulatorCpu = simulators.CpuTime() - simulatorCpuBefore;
        var after = last.Sample;
        var cpu = last.Cpu - first.Cpu;
        var elapsed = _time.GetElapsedTime(first.At, last.At);
        backlog.Add(after.Sum(BacklogMetric));

        var ok = (long)(after.Sum(PollsMetric, OkResult) - before.Sum(PollsMetric, OkResult));
        var failed = FailedByResult(before, after);
        // Every healthy inverter polls exactly once per period, so over whole periods the count is exact; what is
        // uncertain is when inside each scrape request the counters were read: up to half of each scrape's duration
        // either way. Failing Pis never answer, so the good polls are the healthy inverters' own.
        var expected = healthy * (elapsed / arguments.Period);
        var uncertainPolls = healthy * ((first.Duration + last.Duration) / 2 / arguments.Period);
        var latency = new HistogramWindow(before.Buckets(PollDurationMetric, OkResult), after.Buckets(PollDurationMetric, OkResult));
        var lateness = new HistogramWindow(before.Buckets(PollLatenessMetric, OkResult), after.Buckets(PollLatenessMetric, OkResult));
        var failingLateness = new HistogramWindow(FailedBuckets(before, PollLatenessMetric), FailedBuckets(after, PollLatenessMetric));
        var age = new HistogramWindow(before.Buckets(DataAgeMetric), after.Buckets(DataAgeMetric));
        var polls = ok + failed.Values.Sum();
        var readsReport = reads is null ? null : (await reads) with { WarmUp = warmUp };
        // Slots held by failing polls, on average over the window (Little's law: their total duration over its length).
        var failedSeconds = FailedDurationSeconds(after) - FailedDurationSeconds(before);
        return (new SiloReport
        {
            RegistrationSeconds = registration.TotalSeconds,
            AllPolledSeconds = allPolled,
            PendingAtWindowStart = pending,
            WindowSeconds = elapsed.TotalSeconds,
            PollsExpected = (long)Math.Round(expected),
            PollsOk = ok,
            PollsFailed = failed,
            Completion = ok / expected,
            CompletionUncertainty = uncertainPolls / expected,
            PollsOnTime = (long)lateness.CountAtMost(FleetTargets.OnTimeSeconds),
            OnTime = lateness.CountAtMost(FleetTargets.OnTimeSeconds) / expected,
            LatenessP99Ms = lateness.Quantile(0.99) * 1000,
            FailingLatenessP50Seconds = failingLateness.Quantile(0.50),
            FailingSlotsHeldMean = failedSeconds / elapsed.TotalSeconds,
            LatencyP50Ms = latency.Quantile(0.50) * 1000,
            LatencyP99Ms = latency.Quantile(0.99) * 1000,
            LatencyMaxBucketMs = latency.MaxUpperBound * 1000,
            DataAgeP99Seconds = age.Quantile(0.99),
            CpuSeconds = cpu.TotalSeconds,
            CpuMillisecondsPerPoll = polls == 0 ? double.NaN : cpu.TotalMilliseconds / polls,
            PeakRssMiB = silo.Process.PeakResidentBytes() / 1024.0 / 1024.0,
            RssAtEndMiB = silo.Process.ResidentBytes() / 1024.0 / 1024.0,
            SimulatorCpuSeconds = simulatorCpu.TotalSeconds,
            GcPauseWindowSeconds = after.Sum(GcPauseMetric) - before.Sum(GcPauseMetric),
            GcPauseTotalSeconds = after.Sum(GcPauseMetric),
            HistoryBacklogMax = arguments.Postgres ? backlog.Max() : null,
            HistoryBacklogEnd = arguments.Postgres ? backlog[^1] : null,
            HistoryBacklogSamples = arguments.Postgres ? backlog : null,
            HistoryDropped = arguments.Postgres ? after.Sum(DroppedMetric) : null,
        }, readsReport);
    }

    /// <summary>
    /// Waits out the settle time. With --reads, the same read load runs through it: a silo that has served for a while
    /// has its read paths compiled and its caches filled, and the window measures that steady state, as it does for
    /// polls. The warm-up's overall figures are kept (its first reads run code not yet optimised).
    /// </summary>
    private async Task<ReadFigures?> SettleAsync(ReaderSession? reader, CancellationToken cancellationToken)
    {
        if (reader is null || arguments.ReadsPerSecond == 0)
        {
            await Task.Delay(arguments.Settle, _time, cancellationToken);
            return null;
        }

        Log($"warm-up reads: {arguments.ReadsPerSecond}/s while settling");
        var mix = new ReadMix(arguments.Sites, SiteToday(), seed: 16);
        var warmUp = (await new ReadLoad(reader.Http, mix, arguments.ReadsPerSecond, _time).RunAsync(arguments.Settle, cancellationToken)).Overall;
        Log($"warm-up reads: {warmUp.Count} ({warmUp.Errors} errors, {warmUp.Timeouts} timeouts), p50 {warmUp.P50Ms:0.0} ms, p99 {warmUp.P99Ms:0.0} ms");
        return warmUp;
    }

    /// <summary>The read load over the window, from the reader's session; null without --reads.</summary>
    private Task<ReadsReport>? StartReads(ReaderSession? reader, TimeSpan window, CancellationToken cancellationToken)
    {
        if (reader is null || arguments.ReadsPerSecond == 0)
        {
            return null;
        }

        Log($"reads: {arguments.ReadsPerSecond}/s on a fixed schedule through the window ({string.Join(", ", ReadMix.Kinds.Select(k => $"{k.Kind} {k.Weight}/40"))})");
        var mix = new ReadMix(arguments.Sites, SiteToday());
        return LogReadsAsync(new ReadLoad(reader.Http, mix, arguments.ReadsPerSecond, _time).RunAsync(window, cancellationToken));
    }

    private async Task<ReadsReport> LogReadsAsync(Task<ReadsReport> running)
    {
        var reads = await running;
        foreach (var kind in reads.Kinds.Append(reads.Overall))
        {
            Log($"reads {kind.Kind}: {kind.Count} ({kind.Errors} errors, {kind.Timeouts} timeouts), p50 {kind.P50Ms:0.0} ms, p99 {kind.P99Ms:0.0} ms, max {kind.MaxMs:0.0} ms, {kind.AchievedPerSecond:0.0}/s, {kind.MeanBytes / 1024:0.0} KB");
        }

        return reads;
    }

    /// <summary>
    /// The overview, the sites list and one site's page in Chromium, a cold visit then warm ones, with the fleet still
    /// polling and no other reads.
    /// </summary>
    private async Task<BrowserReport> CheckBrowserAsync(SiloProcess silo, ReaderSession reader, CancellationToken cancellationToken)
    {
        const int VisitsEach = 4;
        string[] paths = ["/", "/sites", $"/sites/{FleetDocumentWriter.SiteId(Random.Shared.Next(arguments.Sites))}"];
        Log($"browser: {string.Join(", ", paths)} in {BrowserCheck.Executable}, {VisitsEach} visits each (the first with an empty cache)");
        var browser = await BrowserCheck.RunAsync(silo.Http.BaseAddress!, reader.Cookies, paths, VisitsEach, cancellationToken);
        foreach (var visit in browser.Visits)
        {
            Log($"browser {visit.Path} ({(visit.Cold ? "cold" : "warm")}): FCP {Ms(visit.FirstContentfulPaintMs)}, LCP {Ms(visit.LargestContentfulPaintMs)}, HTML done {visit.ResponseEndMs:0} ms, load {visit.LoadMs:0} ms, {visit.Requests} requests ({string.Join(" ", visit.RequestPaths)}; failed: {(visit.FailedPaths.Count == 0 ? "none" : string.Join(" ", visit.FailedPaths))}), {visit.TransferredBytes / 1024.0:0.0} KB transferred");
        }

        return browser;

        static string Ms(double? value) => value is { } ms ? ms.ToString("0 'ms'", CultureInfo.InvariantCulture) : "none";
    }

    /// <summary>Today in the registered sites' zone: the energy reports' ranges end there.</summary>
    private DateOnly SiteToday() => SiteCalendar.Today(_time, FleetDocumentWriter.TimeZone);

    /// <summary>
    /// A scrape, the silo's CPU time just after it, and the scrape's midpoint: the counters were read somewhere inside
    /// the request, and under load a scrape takes long enough to matter for the polls expected in the window.
    /// </summary>
    private async Task<(PrometheusSample Sample, long At, TimeSpan Duration, TimeSpan Cpu)> ScrapeAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        var sent = _time.GetTimestamp();
        var text = await silo.ScrapeAsync(cancellationToken);
        var received = _time.GetTimestamp();
        var cpu = silo.Process.CpuTime();
        return (PrometheusSample.Parse(text), sent + ((received - sent) / 2), _time.GetElapsedTime(sent, received), cpu);
    }

    /// <summary>
    /// Polls GET /api/fleet until every healthy inverter has answered; seconds since <paramref name="since"/>, or null on
    /// timeout. A failing Pi stays pending until it is judged unreachable, and a healthy one is never either.
    /// </summary>
    private async Task<(double? Seconds, int Pending)> WaitForFirstPollsAsync(SiloProcess silo, long since, int healthy, CancellationToken cancellationToken)
    {
        var pending = -1;
        var deadline = TimeSpan.FromSeconds(arguments.FirstPollTimeoutSeconds);
        while (_time.GetElapsedTime(since) < deadline)
        {
            using var fleet = JsonDocument.Parse(await silo.Http.GetStringAsync(new Uri("/api/fleet", UriKind.Relative), cancellationToken));
            var inverters = fleet.RootElement.GetProperty("inverters").GetInt32();
            var health = fleet.RootElement.GetProperty("health");
            pending = health.GetProperty("pending").GetInt32();
            var answered = inverters - pending - health.GetProperty("unreachable").GetInt32();
            if (inverters == arguments.Inverters && answered >= healthy)
            {
                return (_time.GetElapsedTime(since).TotalSeconds, 0);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
        }

        return (null, pending);
    }

    /// <summary>The buckets of every failed result added up: the whole histogram less its "ok" series.</summary>
    private static List<(double UpperBound, double Count)> FailedBuckets(PrometheusSample sample, string histogram)
    {
        var good = sample.Buckets(histogram, OkResult);
        return sample.Buckets(histogram).Select(b => (b.UpperBound, b.Count - good.Where(o => o.UpperBound.Equals(b.UpperBound)).Sum(o => o.Count))).ToList();
    }

    private static double FailedDurationSeconds(PrometheusSample sample) =>
        sample.Sum(PollDurationMetric + "_sum") - sample.Sum(PollDurationMetric + "_sum", OkResult);

    private static Dictionary<string, long> FailedByResult(PrometheusSample before, PrometheusSample after)
    {
        var failed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (labels, value) in after.Series(PollsMetric))
        {
            var at = labels.IndexOf("result=\"", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var result = labels[(at + 8)..labels.IndexOf('"', at + 8)];
            var delta = (long)(value - before.Sum(PollsMetric, $"result=\"{result}\""));
            if (result != "ok" && delta > 0)
            {
                failed[result] = delta;
            }
        }

        return failed;
    }

    /// <summary>The silo's output for the configuration this benchmark was built in: src/SolarFleet.Silo/bin/&lt;config&gt;/net10.0.</summary>
    internal static string DefaultBinDirectory()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent?.Name ?? "Release";
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SolarFleet.sln")))
            {
                return Path.Combine(dir.FullName, "src", "SolarFleet.Silo", "bin", configuration, framework);
            }
        }

        throw new InvalidOperationException("Cannot find the repository (SolarFleet.sln) above this program; pass --bin DIR.");
    }

    internal static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} not found; build the silo first (dotnet build -c Release src/SolarFleet.Silo) or pass --bin DIR.", path);

    private void Log(string message) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_time.GetLocalNow():HH:mm:ss}] {message}"));
}

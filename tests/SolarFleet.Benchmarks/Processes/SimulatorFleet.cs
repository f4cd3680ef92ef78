using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Protocol.Polling;

using SolarFleet.Simulator.Sites;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>
/// Simulated Pis spread over several simulator processes (a process may hold 20,000 open files here), each on loopback
/// addresses of its own (127.R.N.1, .2, ...: R picked at random per run, so two runs on one machine do not meet).
/// </summary>
/// <remarks>
/// Real Pis listen on other hosts. Here they listen on the poller's own host, and a listening port inside the host's
/// ephemeral range is a port <c>connect</c> can no longer pick: with 12,000 Pi ports in it, the kernel's search for a
/// free local port (<c>__inet_hash_connect</c>) took 19 % of the silo's CPU at 100,000 inverters (perf). So the Pis take
/// the Pi ports above that range, consecutively, spilling over to the next address.
/// </remarks>
public sealed partial class SimulatorFleet : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    // Real Pis answer from other machines. Here they share the cores with what is measured, and at normal priority
    // they took the CPU from the silo's garbage collector in the middle of its pauses, stretching each pause; niced,
    // they yield to the silo (and to the floor's client), and use what is left.
    private const int SimulatorNiceness = 10;

    private readonly List<ChildProcess> _processes = [];

    private SimulatorFleet()
    {
    }

    /// <summary>Every simulated Pi, in order.</summary>
    public IReadOnlyList<PiEndpoint> Endpoints { get; private set; } = [];

    public int ProcessCount => _processes.Count;

    /// <summary>CPU time all simulator processes have used so far: the load generator shares the machine with what it measures.</summary>
    public TimeSpan CpuTime() => _processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.CpuTime());

    /// <summary>Starts enough simulator processes for <paramref name="pis"/> Pis and waits until each has said it is ready.</summary>
    /// <param name="faults">Per Pi, in fleet order, the simulator's fault mode (e.g. "hang"), or null for a healthy Pi; null: all healthy.</param>
    /// <param name="site">Where every Pi is; null: the simulator's default (Palo Alto).</param>
    public static async Task<SimulatorFleet> StartAsync(
        string simulatorDll,
        int pis,
        int pisPerProcess,
        string logDirectory,
        CancellationToken cancellationToken,
        IReadOnlyList<string?>? faults = null,
        SimulatedSite? site = null)
    {
        var fleet = new SimulatorFleet();
        var basePort = FirstPortAboveEphemeralRange();
        var run = Random.Shared.Next(1, 255);
        try
        {
            var starting = new List<(ChildProcess Process, int Count)>();
            for (var first = 0; first < pis; first += pisPerProcess)
            {
                var index = fleet._processes.Count;
                var count = Math.Min(pisPerProcess, pis - first);
                // 127.0.x.x is left to everything else on the machine; each simulator has a /24 of its own.
                var host = string.Create(CultureInfo.InvariantCulture, $"127.{run}.{20 + index}.1");
                List<string> arguments =
                    ["--host", host, "--base-port", basePort.ToString(CultureInfo.InvariantCulture), "--pis", count.ToString(CultureInfo.InvariantCulture), "--seed", (index + 1).ToString(CultureInfo.InvariantCulture)];
                if (site is not null)
                {
                    arguments.AddRange(
                    [
                        "--lat", site.Latitude.ToString(CultureInfo.InvariantCulture),
                        "--lon", site.Longitude.ToString(CultureInfo.InvariantCulture),
                        "--tz", site.TimeZoneId,
                    ]);
                }

                for (var i = 0; faults is not null && i < count; i++)
                {
                    if (faults[first + i] is { } mode)
                    {
                        arguments.Add("--fault");
                        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"{i}={mode}"));
                    }
                }

                var process = ChildProcess.StartDotnet($"simulator {index}", simulatorDll, arguments, Path.Combine(logDirectory, $"simulator-{index}.log"), SimulatorNiceness, commands: true);
                fleet._processes.Add(process);
                starting.Add((process, count));
            }

            var endpoints = new List<PiEndpoint>(pis);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReadyTimeout);
            foreach (var (process, count) in starting)
            {
                var line = await process.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"{process.Name} exited before it was ready (see its log).");
                var parsed = ParseReadyLine(line);
                if (parsed.Count != count)
                {
                    throw new InvalidOperationException($"{process.Name} serves {parsed.Count} Pis, not {count}: '{line}'.");
                }

                endpoints.AddRange(parsed);
            }

            fleet.Endpoints = endpoints;
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The first Pi port above this host's ephemeral port range, or 0 (free ports, above the range first) when the
    /// range leaves fewer than 1,000 Pi ports above it.
    /// </summary>
    public static int FirstPortAboveEphemeralRange()
    {
        var first = EphemeralPorts.FirstPiPortAbove();
        return PiEndpoint.MaxPort - first + 1 >= 1000 ? first : 0;
    }

    /// <summary>Reads "ready: 3 Pis on 127.0.0.1:50000-50001, 127.0.0.2:50000" back into endpoints.</summary>
    public static List<PiEndpoint> ParseReadyLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var ready = ReadyLine().Match(line);
        if (!ready.Success)
        {
            throw new FormatException($"Not a simulator ready line: '{line}'.");
        }

        var endpoints = new List<PiEndpoint>();
        foreach (var range in ready.Groups[1].Value.Split(", "))
        {
            var match = EndpointRange().Match(range);
            if (!match.Success)
            {
                throw new FormatException($"Not an endpoint range: '{range}'.");
            }

            var first = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var last = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : first;
            for (var port = first; port <= last; port++)
            {
                endpoints.Add(new PiEndpoint(match.Groups[1].Value, port));
            }
        }

        return endpoints;
    }

    /// <summary>Every Pi's counters now, in fleet order (one command at a time: the answers share standard output).</summary>
    public async Task<IReadOnlyList<PiStats>> StatsAsync(CancellationToken cancellationToken)
    {
        var stats = new List<PiStats>(Endpoints.Count);
        foreach (var line in await AskAsync("stats", "stats:", cancellationToken))
        {
            stats.AddRange(PiStats.ParseLine(line));
        }

        return stats.Count == Endpoints.Count ? stats : throw new FormatException($"The simulators gave stats of {stats.Count} Pis, not {Endpoints.Count}.");
    }

    /// <summary>Stops every simulator's clock: from its answer on, its Pis report the same day's energy for good.</summary>
    public async Task FreezeAsync(CancellationToken cancellationToken) => await AskAsync("freeze", "frozen:", cancellationToken);

    /// <summary>Sends <paramref name="command"/> to every simulator at once, then reads each one's answer.</summary>
    private async Task<List<string>> AskAsync(string command, string answer, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_processes.Select(p => p.WriteLineAsync(command, cancellationToken)));
        var answers = new List<string>(_processes.Count);
        foreach (var process in _processes)
        {
            while (true)
            {
                var line = await process.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException($"{process.Name} exited (see its log).");
                if (line.StartsWith(answer, StringComparison.Ordinal))
                {
                    answers.Add(line);
                    break;
                }
            }
        }

        return answers;
    }

    /// <summary>Stops every simulator and adds up the connections they accepted (from their "stopped:" lines).</summary>
    public async Task<long> StopAsync()
    {
        long connections = 0;
        foreach (var process in _processes)
        {
            await process.StopAsync(TimeSpan.FromSeconds(30));
            while (await process.ReadLineAsync(CancellationToken.None) is { } line)
            {
                var match = StoppedLine().Match(line);
                if (match.Success)
                {
                    connections += long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return connections;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    [GeneratedRegex(@"^ready: \d+ Pis on (.+)$")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"^(\d+\.\d+\.\d+\.\d+):(\d+)(?:-(\d+))?$")]
    private static partial Regex EndpointRange();

    [GeneratedRegex(@"^stopped: (\d+) connections")]
    private static partial Regex StoppedLine();
}

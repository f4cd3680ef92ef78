using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>
/// Simulated Pis spread over several simulator processes (a process may hold 20,000 open files here), each on its own
/// loopback address with automatically chosen free ports.
/// </summary>
public sealed partial class SimulatorFleet : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

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
    public static async Task<SimulatorFleet> StartAsync(string simulatorDll, int pis, int pisPerProcess, string logDirectory, CancellationToken cancellationToken)
    {
        var fleet = new SimulatorFleet();
        try
        {
            var starting = new List<(ChildProcess Process, int Count)>();
            for (var first = 0; first < pis; first += pisPerProcess)
            {
                var index = fleet._processes.Count;
                var count = Math.Min(pisPerProcess, pis - first);
                // 127.0.0.1 is left to everything else on the machine; each simulator has an address of its own.
                var host = string.Create(CultureInfo.InvariantCulture, $"127.0.0.{20 + index}");
                var process = ChildProcess.StartDotnet(
                    $"simulator {index}",
                    simulatorDll,
                    ["--host", host, "--base-port", "0", "--pis", count.ToString(CultureInfo.InvariantCulture), "--seed", (index + 1).ToString(CultureInfo.InvariantCulture)],
                    Path.Combine(logDirectory, $"simulator-{index}.log"));
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

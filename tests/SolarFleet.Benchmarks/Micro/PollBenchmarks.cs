using BenchmarkDotNet.Attributes;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Simulator.Hosting;

namespace SolarFleet.Benchmarks.Micro;

/// <summary>One whole poll (connect, ask everything, decode, close) against a simulated Pi in this process, over loopback TCP.</summary>
// In process: a generated benchmark project would sit below tests/ and inherit the test projects' build settings.
[InProcess]
[MemoryDiagnoser]
public class PollBenchmarks
{
    private PiSimulator? _simulator;
    private PiClient? _client;
    private PiEndpoint? _endpoint;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { PiCount = 1 }, TimeProvider.System);
        _endpoint = _simulator.Pis[0].Endpoint;
        _client = new PiClient(new PiClientOptions(), TimeProvider.System);
    }

    [Benchmark]
    public async Task<PiPollResult> PollAllQueries()
    {
        var result = await _client!.PollAsync(_endpoint!, PiQuerySet.All, CancellationToken.None);
        return result.Succeeded ? result : throw new InvalidOperationException($"Poll failed: {result.Failure}");
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}

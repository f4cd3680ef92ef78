using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Server;

namespace SolarFleet.Simulator.Hosting;

/// <summary>
/// Many simulated RPI-SPR-4000m Pis in one process, each on its own TCP endpoint. All state is
/// computed lazily from the injected clock, so tests can drive whole days with fake time.
/// </summary>
public sealed class PiSimulator : IAsyncDisposable
{
    private const ulong FleetSeedMultiplier = 0x9E3779B97F4A7C15UL;
    private const ulong PeakStream = 6;
    private const ulong LifetimeStream = 7;

    private readonly CancellationTokenSource _stopping;
    private readonly SessionTracker _sessions;
    private readonly ILogger _logger;
    private int _disposed;

    private PiSimulator(PiSimulatorOptions options, TimeProvider time, List<SimulatedPi> pis, CancellationTokenSource stopping, SessionTracker sessions, ILogger logger)
    {
        Options = options;
        Time = time;
        Pis = pis;
        _stopping = stopping;
        _sessions = sessions;
        _logger = logger;
    }

    public PiSimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public IReadOnlyList<SimulatedPi> Pis { get; }

    /// <summary>
    /// Binds every Pi's port and starts serving. Throws <see cref="ArgumentException"/> for bad options
    /// and <see cref="InvalidOperationException"/> when a port cannot be had.
    /// </summary>
    public static Task<PiSimulator> StartAsync(PiSimulatorOptions options, TimeProvider time, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var logger = (ILogger?)loggers?.CreateLogger<PiSimulator>() ?? NullLogger.Instance;

        List<Socket> sockets;
        try
        {
            sockets = PortAllocator.Bind(options.Host, options.BasePort, options.PiCount, cancellationToken);
        }
        catch (SocketException e)
        {
            // Socket creation itself fails when the process is out of file descriptors.
            throw new InvalidOperationException($"Cannot open {options.PiCount} listening sockets: {e.Message}", e);
        }

        var stopping = new CancellationTokenSource();
        var sessions = new SessionTracker();
        var acceptFailures = new AcceptFailures(logger, TimeProvider.System);
        var origin = time.GetUtcNow();
        var pis = new List<SimulatedPi>(options.PiCount);
        for (var i = 0; i < sockets.Count; i++)
        {
            var site = options.Sites[i % options.Sites.Count];
            var seed = DeterministicNoise.Mix(((ulong)options.Seed * FleetSeedMultiplier) + (ulong)i);
            var peakWatts = options.ArrayPeakWatts * (0.95 + (0.1 * DeterministicNoise.Uniform(seed, 0, PeakStream)));
            var lifetimeWh = (2_000 + (28_000 * DeterministicNoise.Uniform(seed, 0, LifetimeStream))) * 1000;
            var inverter = new InverterModel(site, seed, peakWatts, lifetimeWh, origin, options.Clouds);
            var listener = new PiListener(sockets[i], sessions, acceptFailures, logger, stopping.Token);
            pis.Add(new SimulatedPi(i, site, seed, inverter, listener, options, time));
        }

        pis.ForEach(pi => pi.Start());
        var simulator = new PiSimulator(options, time, pis, stopping, sessions, logger);
        logger.LogInformation("Simulating {Count} Pis on {Endpoints}", pis.Count, simulator.DescribeEndpoints());
        return Task.FromResult(simulator);
    }

    /// <summary>The endpoints as ranges, e.g. <c>127.0.0.1:50000-50999</c>.</summary>
    public string DescribeEndpoints()
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < Pis.Count)
        {
            var first = Pis[i].Endpoint;
            var last = first;
            while (i + 1 < Pis.Count && Pis[i + 1].Endpoint.Host == first.Host && Pis[i + 1].Endpoint.Port == last.Port + 1)
            {
                last = Pis[++i].Endpoint;
            }

            i++;
            text.Append(text.Length == 0 ? string.Empty : ", ")
                .Append(first)
                .Append(CultureInfo.InvariantCulture, $"{(last.Port == first.Port ? string.Empty : $"-{last.Port}")}");
        }

        return text.ToString();
    }

    /// <summary>Stops listening, drops every connection and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(Pis.Select(pi => pi.StopListening()));
        await _sessions.DrainAsync();
        _stopping.Dispose();
        _logger.LogInformation("Stopped {Count} simulated Pis", Pis.Count);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Polling;

/// <summary>
/// What every <see cref="InverterPoller"/> of a silo shares, resolved once: a poller holds this one reference instead
/// of a copy of each on every one of (up to 100,000) inverters.
/// </summary>
public sealed class PollingServices(
    PollSchedule schedule,
    PollGate gate,
    IPiClient client,
    SolarFleetMetrics metrics,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<SolarFleetGrainOptions> options,
    ILogger<InverterPoller> logger)
{
    public PollSchedule Schedule { get; } = schedule;

    public PollGate Gate { get; } = gate;

    public IPiClient Client { get; } = client;

    public SolarFleetMetrics Metrics { get; } = metrics;

    public TimeProvider Time { get; } = time;

    public SolarFleetGrainOptions Options { get; } = options.Value;

    public ILogger<InverterPoller> Logger { get; } = logger;
}

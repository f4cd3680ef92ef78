using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// What every inverter grain of a silo shares, resolved once: the grain takes this one dependency, not a dozen on each
/// of its (up to 100,000) activations.
/// </summary>
public sealed class InverterServices(
    IPiClient client,
    IEnergyLedgerStore ledgerStore,
    IReadingLog readingLog,
    IAlertStore alertStore,
    PollSchedule schedule,
    PollGate gate,
    SolarFleetMetrics metrics,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<SolarFleetGrainOptions> options,
    IOptions<AlertRuleOptions> alertOptions,
    ILogger<InverterGrain> logger)
{
    public IPiClient Client { get; } = client;

    public IEnergyLedgerStore LedgerStore { get; } = ledgerStore;

    public IReadingLog ReadingLog { get; } = readingLog;

    public IAlertStore AlertStore { get; } = alertStore;

    public PollSchedule Schedule { get; } = schedule;

    public PollGate Gate { get; } = gate;

    public SolarFleetMetrics Metrics { get; } = metrics;

    public TimeProvider Time { get; } = time;

    public SolarFleetGrainOptions Options { get; } = options.Value;

    public AlertRuleOptions AlertOptions { get; } = alertOptions.Value;

    public ILogger<InverterGrain> Logger { get; } = logger;
}

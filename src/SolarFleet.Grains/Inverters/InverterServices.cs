using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Telemetry;

namespace SolarFleet.Grains.Inverters;

/// <summary>
/// What every inverter grain of a silo shares, resolved once: the grain and its helpers hold this one reference, not
/// a dozen on each of (up to 100,000) activations.
/// </summary>
public sealed class InverterServices(
    PollingServices polling,
    IEnergyLedgerStore ledgerStore,
    IReadingLog readingLog,
    IAlertStore alertStore,
    SolarFleetMetrics metrics,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    IOptions<SolarFleetGrainOptions> options,
    IOptions<AlertRuleOptions> alertOptions,
    ILogger<InverterGrain> logger)
{
    public PollingServices Polling { get; } = polling;

    public PollRecorder Recorder { get; } = new(ledgerStore, readingLog, alertStore, metrics, logger);

    public TimeProvider Time { get; } = time;

    public SolarFleetGrainOptions Options { get; } = options.Value;

    public AlertRuleOptions AlertOptions { get; } = alertOptions.Value;

    public ILogger<InverterGrain> Logger { get; } = logger;
}

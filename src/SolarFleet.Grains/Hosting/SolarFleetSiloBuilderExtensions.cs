using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Cluster;
using SolarFleet.Grains.Energy;
using SolarFleet.Grains.Inverters;
using SolarFleet.Grains.Polling;
using SolarFleet.Grains.Telemetry;
using SolarFleet.Network;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Grains.Hosting;

public static class SolarFleetSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the SolarFleet grains need: their options, the Pi client, the in-memory ledger store, reading
    /// log and alert store with its webhook outbox (the embedded defaults; a host may register its own first), the silo's poll schedule and its bound on polls in flight, the metrics, and a system clock unless the
    /// host installed one. Clustering, reminders and the "solarfleet" grain storage are the host's choice. The Pi client
    /// polls what the host's <see cref="TargetPolicy"/> allows (<see cref="TargetPolicy.Default"/> unless it registered
    /// one) and resolves names with its <see cref="IHostResolver"/> (DNS unless it registered one).
    /// </summary>
    public static ISiloBuilder AddSolarFleetGrains(this ISiloBuilder builder, Action<SolarFleetGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SolarFleetGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SolarFleetGrainOptions>, SolarFleetGrainOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Connect and poll timeouts are about real sockets, so the client keeps real time even when the grains'
        // clock is fake or accelerated.
        services.TryAddSingleton(TargetPolicy.Default);
        services.TryAddSingleton<IHostResolver>(DnsHostResolver.Instance);
        services.TryAddSingleton<IPiClient>(sp => new PiClient(
            sp.GetRequiredService<IOptions<SolarFleetGrainOptions>>().Value.PiClient,
            TimeProvider.System,
            sp.GetRequiredService<TargetPolicy>(),
            sp.GetRequiredService<IHostResolver>()));
        services.TryAddSingleton<IEnergyLedgerStore, MemoryEnergyLedgerStore>();
        services.TryAddSingleton<IReadingLog>(sp =>
            new MemoryReadingLog(sp.GetRequiredService<IOptions<SolarFleetGrainOptions>>().Value.ReadingLogCapacity));
        services.TryAddSingleton<MemoryAlertStore>();
        services.TryAddSingleton<IAlertStore>(sp => sp.GetRequiredService<MemoryAlertStore>());
        services.TryAddSingleton<IWebhookOutbox>(sp => sp.GetRequiredService<MemoryAlertStore>());
        services.TryAddSingleton<LedgerReader>();
        services.TryAddSingleton<PollSchedule>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, PollSchedule>(sp => sp.GetRequiredService<PollSchedule>()));
        services.TryAddSingleton<PollGate>();
        services.TryAddSingleton<PollingServices>();
        services.TryAddSingleton<InverterServices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SiloLossWatcher>());
        services.AddMetrics();
        services.TryAddSingleton<SolarFleetMetrics>();
        return builder;
    }
}

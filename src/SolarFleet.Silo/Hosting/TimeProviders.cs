using Orleans.Reminders;
using Orleans.Runtime;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Installs SolarFleet's clock. Grains (poll timers, day boundaries, staleness) follow it; Orleans' own
/// machinery — membership, messaging, directory, activation collection, reminders — stays on real time, so an
/// accelerated demo clock never makes the cluster think a silo missed its heartbeats. Membership, whose watchdog
/// lives there, keeps real time on a <see cref="SiloStartClock"/>.
/// </summary>
public static class TimeProviders
{
    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
        ReminderTimeProviderNames.Reminders,
    ];

    public static IServiceCollection AddSolarFleetClock(this IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        if (!ReferenceEquals(clock, TimeProvider.System))
        {
            foreach (var area in RealTimeAreas)
            {
                services.AddKeyedSingleton(area, TimeProvider.System);
            }
        }

        // Made when the silo first asks for it, so its timestamps count from the silo's start.
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new SiloStartClock());
        return services;
    }
}

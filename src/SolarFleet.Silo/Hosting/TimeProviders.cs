using Orleans.Reminders;
using Orleans.Runtime;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Installs SolarFleet's clock. Grains (poll timers, day boundaries, staleness) follow it; Orleans' own
/// machinery — membership, messaging, directory, activation collection, reminders — stays on real time, so an
/// accelerated demo clock never makes the cluster think a silo missed its heartbeats.
/// </summary>
public static class TimeProviders
{
    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
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

        return services;
    }
}

using System.Reflection;
using Orleans.Runtime;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Stamps Orleans' watchdog participant check before the watchdog starts.
/// </summary>
/// <remarks>
/// <c>Watchdog.Start</c> starts its platform thread before it stamps the participant check. A thread that takes its
/// first look before the stamp reads timestamp 0, which on the system clock is the machine's boot, and warns
/// "Participant check thread has not completed for" the machine's uptime, recording a stall in the silo's health.
/// Stamped here first, the first look sees a check a moment old; <c>Start</c> stamps it again as usual. Only the
/// watchdog's own field changes, and on its own clock (membership's), so nothing else sees a different time. A version of
/// Orleans without the field is left as it is, and <c>WatchdogStartStampTests</c> fails to say so.
/// </remarks>
public sealed class WatchdogStartStamp(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly Type? WatchdogType = typeof(Orleans.Runtime.Silo).Assembly.GetType("Orleans.Runtime.Watchdog");

    public static readonly FieldInfo? CheckStamp =
        WatchdogType?.GetField("_componentWatchdogTimestamp", BindingFlags.Instance | BindingFlags.NonPublic) is { FieldType: var type } field && type == typeof(long)
            ? field
            : null;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // The watchdog starts in RuntimeGrainServices; any earlier stage will do.
        lifecycle.Subscribe(nameof(WatchdogStartStamp), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            Stamp();
            return Task.CompletedTask;
        });
    }

    /// <summary>Stamps the check now; false when this Orleans has no such watchdog or field.</summary>
    public bool Stamp()
    {
        if (WatchdogType is null || CheckStamp is null || services.GetService(WatchdogType) is not { } watchdog)
        {
            return false;
        }

        var clock = services.GetKeyedService<TimeProvider>(TimeProviderNames.Membership) ?? TimeProvider.System;
        CheckStamp.SetValue(watchdog, clock.GetTimestamp());
        return true;
    }
}

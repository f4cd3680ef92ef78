using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using SolarFleet.Silo.Hosting;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>
/// Orleans' watchdog can take its first look at its participant check before stamping it. The silo stamps it first, so
/// the look finds a check a moment old, not one as old as the machine's uptime reported as a stall.
/// </summary>
public sealed class WatchdogStartStampTests
{
    [Fact]
    public void This_orleans_has_the_watchdog_field_the_stamp_sets()
    {
        Assert.NotNull(WatchdogStartStamp.WatchdogType);
        Assert.NotNull(WatchdogStartStamp.CheckStamp);
    }

    [Fact]
    public async Task An_unstamped_participant_check_is_stamped_before_the_watchdog_starts()
    {
        await using var factory = new SolarFleetFactory();
        using var client = factory.Client(null);
        var services = factory.Services;
        var stamp = Assert.Single(services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<WatchdogStartStamp>());
        var watchdog = services.GetRequiredService(WatchdogStartStamp.WatchdogType!);
        var membership = services.GetKeyedService<TimeProvider>(TimeProviderNames.Membership) ?? TimeProvider.System;

        // As the watchdog's platform thread finds the field when it looks before Start has stamped it.
        WatchdogStartStamp.CheckStamp!.SetValue(watchdog, 0L);
        Assert.True(membership.GetElapsedTime(0) > TimeSpan.FromMinutes(1), "timestamp 0 is the machine's boot: more than a minute ago");

        Assert.True(stamp.Stamp());
        Assert.InRange(membership.GetElapsedTime((long)WatchdogStartStamp.CheckStamp.GetValue(watchdog)!), TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

/// <summary>
/// Orleans' watchdog can take its first look at the participant check before stamping it, reading timestamp 0 on its
/// membership clock. That must read as a moment ago, not as the machine's uptime reported as a stalled check.
/// </summary>
public sealed class WatchdogClockTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unstamped_participant_check_reads_as_younger_than_the_watchdogs_stall_limit(bool demo)
    {
        await using var factory = new SolarFleetFactory().With("SolarFleet:Demo:Enabled", demo ? "true" : "false")
            .With("SolarFleet:Demo:BasePort", RangeSimulator.FreeBase(Silo.Demo.DemoFleetPlan.PiCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = factory.Client(null);
        var membership = factory.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);
        var stallLimit = factory.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.LocalHealthDegradationMonitoringPeriod * 2;

        Assert.True(membership.GetElapsedTime(0) < stallLimit, $"timestamp 0 reads as {membership.GetElapsedTime(0)} ago");
        Assert.Equal(TimeProvider.System.GetUtcNow().UtcDateTime, membership.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
    }
}

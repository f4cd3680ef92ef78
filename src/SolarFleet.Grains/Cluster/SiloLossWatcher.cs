using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Grains.Cluster;

/// <summary>
/// Watches membership on this silo and, when another silo is declared dead, asks the fleet to wake every inverter.
/// </summary>
/// <remarks>
/// An inverter's grain lives on one silo; when that silo dies, only its reminder brings it back, up to a reminder
/// period later (5 minutes by default). Every survivor asks (the fleet wakes once per lost silo), so the wake does not
/// depend on any one of them. It waits a few seconds first, so the survivors' directories have dropped the lost silo.
/// </remarks>
public sealed partial class SiloLossWatcher(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IGrainFactory grainFactory,
    [FromKeyedServices(TimeProviderNames.Membership)] TimeProvider time,
    ILogger<SiloLossWatcher> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan AskRetryDelay = TimeSpan.FromSeconds(5);
    private const int AskAttempts = 6;

    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLossWatcher), ServiceLifecycleStage.Active, Start, Stop);

    public void Dispose() => _stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        // Silos dead before this one started were the business of the silos alive then (or of this fleet's activation).
        var from = membership.CurrentSnapshot;
        _watching = Task.Run(() => WatchAsync(from, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(ClusterMembershipSnapshot previous, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                foreach (var silo in LostSilos.Between(previous, snapshot, localSilo.SiloAddress))
                {
                    LogSiloLost(silo);
                    AskFleetToWakeAsync(silo, cancellationToken).Ignore();
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task AskFleetToWakeAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        await Task.Delay(SettleDelay, time, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grainFactory.GetGrain<IFleetGrain>(FleetKey.Default).WakeAfterSiloLoss(silo);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The fleet grain itself may have lived on the lost silo, or its directory entry not be cleared yet.
                if (attempt == AskAttempts)
                {
                    LogAskGaveUp(exception, silo, attempt);
                    return;
                }

                LogAskFailed(exception, silo, attempt);
                await Task.Delay(AskRetryDelay, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; asking the fleet to wake the inverters it hosted")]
    private partial void LogSiloLost(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking the fleet to wake inverters after the loss of silo {Silo} failed (attempt {Attempt}); trying again")]
    private partial void LogAskFailed(Exception exception, SiloAddress silo, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Asking the fleet to wake inverters after the loss of silo {Silo} failed {Attempts} times; their reminders will bring them back")]
    private partial void LogAskGaveUp(Exception exception, SiloAddress silo, int attempts);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Health;

/// <summary>Ready when this silo has joined the cluster as active and a grain call is answered.</summary>
public sealed class SiloReadinessCheck(IClusterMembershipService membership, ILocalSiloDetails local, FleetReads reads) : IHealthCheck
{
    private static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {status}, not yet active in the cluster.");
        }

        try
        {
            await reads.ViewAsync().WaitAsync(GrainCallTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("The silo is active but grain calls are not answered: " + ex.Message);
        }

        return HealthCheckResult.Healthy("The silo is active and serving.");
    }
}

using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Tests.Peers;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// Simulated Pis on consecutive ports above the host's ephemeral range (<see cref="PiPortRange"/>), from a random base,
/// so that no outgoing connection holds one; a base whose ports are taken is tried again elsewhere.
/// </summary>
public static class RangeSimulator
{
    public static async Task<PiSimulator> StartAsync(int piCount, SimulatedSite site, TimeProvider clock)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await PiSimulator.StartAsync(
                    new PiSimulatorOptions { PiCount = piCount, BasePort = FreeBase(piCount), Sites = [site] },
                    clock,
                    cancellationToken: TestContext.Current.CancellationToken);
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                // taken: another base
            }
        }
    }

    /// <summary>A random base port with room for <paramref name="piCount"/> Pis inside the range.</summary>
    private static int FreeBase(int piCount) => Random.Shared.Next(PiPortRange.First, PiEndpoint.MaxPort - piCount);
}

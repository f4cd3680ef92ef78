using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Silo.Registration;

/// <summary>
/// "Test this Pi": the CLI's probe run from the silo, through the silo's own Pi client, so the answer is what polling
/// will see from here (the same allowed-target policy, the same network).
/// </summary>
public sealed class PiProbe(IPiClient client)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<PiProbeResult> ProbeAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        PiPollResult result;
        try
        {
            result = await client.PollAsync(new PiEndpoint(host, port), PiQuerySet.All, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PiProbeResult(null, $"no complete answer within {Timeout.TotalSeconds:0} s.", Timeout);
        }

        if (result.Reading is not { } reading)
        {
            return new PiProbeResult(null, result.Failure!.Message, result.Elapsed);
        }

        return reading.Unsupported == PiQuerySet.All
            ? new PiProbeResult(null, $"it refused all {PiQueryCatalog.All.Count} queries (error: invalid query): it answers, but not as the RPI-SPR-4000m app does.", result.Elapsed)
            : new PiProbeResult(reading, null, result.Elapsed);
    }
}

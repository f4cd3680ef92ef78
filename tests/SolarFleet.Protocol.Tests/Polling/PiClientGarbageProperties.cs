using System.Diagnostics;
using FsCheck.Xunit;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Tests.Framing;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Protocol.Tests.Polling;

public sealed class PiClientGarbageProperties
{
    private static readonly PiClientOptions Options = new()
    {
        PollTimeout = TimeSpan.FromMilliseconds(300),
        IdleAnswerGap = TimeSpan.FromMilliseconds(20),
    };

    [Property(Arbitrary = [typeof(DecoderArbitraries)], MaxTest = 40)]
    public async Task<bool> Garbage_from_a_real_peer_always_ends_in_a_typed_result_within_the_timeout(byte[] garbage, bool thenClose)
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(garbage);
            if (thenClose)
            {
                c.Close();
            }

            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Options, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, TestContext.Current.CancellationToken);
        await pi.WhenScriptsDoneAsync();

        return clock.Elapsed < Options.PollTimeout + TimeSpan.FromSeconds(3)
            && result.Succeeded == result.Failure is null
            && (result.Failure is null || !result.Failure.Message.Contains('\n', StringComparison.Ordinal));
    }
}

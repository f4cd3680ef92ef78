using Microsoft.Extensions.Time.Testing;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Protocol.Tests.Polling;

/// <summary>The client's deadlines run on the injected clock, not the wall clock.</summary>
public sealed class PiClientFakeTimeTests
{
    [Fact]
    public async Task The_poll_timeout_runs_on_the_injected_clock()
    {
        var ct = TestContext.Current.CancellationToken;
        var asked = new TaskCompletionSource();
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            asked.SetResult();
            await c.ReadUntilClientLeavesAsync();
        });
        var clock = new FakeTimeProvider();
        var options = new PiClientOptions();
        using var client = new PiClient(options, clock);

        var poll = client.PollAsync(pi.Endpoint, PiQuerySet.All, ct).AsTask();
        await asked.Task.WaitAsync(ct);
        Assert.False(poll.IsCompleted);

        clock.Advance(options.PollTimeout);
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(PiFailureKind.PollTimeout, result.Failure?.Kind);
        Assert.Equal($"{pi.Endpoint} did not answer within 10 s (0 of 8 answers)", result.Failure?.Message);
        Assert.Equal(options.PollTimeout, result.Elapsed);
        await pi.WhenScriptsDoneAsync();
    }

    [Fact]
    public async Task A_good_poll_takes_no_time_on_a_clock_that_does_not_move()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        using var client = new PiClient(new PiClientOptions(), new FakeTimeProvider());

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, TestContext.Current.CancellationToken);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
        Assert.Equal(TimeSpan.Zero, result.Elapsed);
    }
}

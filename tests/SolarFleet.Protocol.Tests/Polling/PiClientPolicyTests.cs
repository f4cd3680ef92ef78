using System.Net;
using System.Net.Sockets;
using SolarFleet.Network;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Protocol.Tests.Polling;

/// <summary>
/// The client judges every address before it opens a socket. Refused addresses here are loopback ones under policies
/// that do not list them, with a Pi listening there to show it is never reached: no test connects beyond loopback.
/// </summary>
public sealed class PiClientPolicyTests
{
    private const string Setting = "SolarFleet:Polling:AllowedNetworks";

    private static readonly PiClientOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PollTimeout = TimeSpan.FromSeconds(2),
        IdleAnswerGap = TimeSpan.FromMilliseconds(50),
    };

    private static readonly TargetPolicy TenOnly = new([NetworkRange.Parse("10.0.0.0/8")], Setting);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_name_that_resolves_only_to_refused_addresses_fails_without_connecting_to_any()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        var resolver = StubResolver.Answering(IPAddress.Loopback, IPAddress.Parse("::ffff:127.0.0.1"));
        using var client = new PiClient(Fast, TimeProvider.System, TenOnly, resolver);

        var result = await client.PollAsync(new PiEndpoint("pi.example", pi.Endpoint.Port), PiQuerySet.All, Ct);

        var failure = Assert.IsType<PiPollFailure>(result.Failure);
        Assert.Equal(PiFailureKind.NotAllowed, failure.Kind);
        Assert.Equal(
            $"the policy does not allow polling pi.example, which resolves to 127.0.0.1 (not in {Setting}) and 127.0.0.1 (not in {Setting})",
            failure.Message);
        Assert.Equal((0, 8), (failure.AnswersReceived, failure.AnswersExpected));
        Assert.Equal(1, resolver.Calls);
        Assert.Equal(0, pi.Accepted);
    }

    [Fact]
    public async Task A_name_is_polled_only_at_the_addresses_the_policy_allows()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));

        // Listening on the same port at 127.0.0.2, which this policy does not list: a connection there would wait in its queue.
        using var decoy = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        decoy.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), pi.Endpoint.Port));
        decoy.Listen(8);
        var policy = new TargetPolicy([NetworkRange.Parse("127.0.0.1/32")], Setting);
        using var client = new PiClient(Fast, TimeProvider.System, policy, StubResolver.Answering(IPAddress.Parse("127.0.0.2"), IPAddress.Loopback));

        var result = await client.PollAsync(new PiEndpoint("pi.example", pi.Endpoint.Port), PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
        Assert.False(decoy.Poll(0, SelectMode.SelectRead), "a connection reached the refused address");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("127.1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task A_refused_address_in_any_notation_fails_before_a_socket_is_opened(string host)
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        using var client = new PiClient(Fast, TimeProvider.System, TenOnly, StubResolver.Unused);

        var result = await client.PollAsync(new PiEndpoint(host, pi.Endpoint.Port), PiQuerySet.All, Ct);

        Assert.Equal(PiFailureKind.NotAllowed, result.Failure?.Kind);
        Assert.Equal($"the policy does not allow polling 127.0.0.1 (not in {Setting})", result.Failure?.Message);
        Assert.Equal(0, pi.Accepted);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("127.1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task An_allowed_address_in_any_notation_is_polled_at_its_canonical_address(string host)
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        using var client = new PiClient(Fast, TimeProvider.System, TargetPolicy.Default, StubResolver.Unused);

        var result = await client.PollAsync(new PiEndpoint(host, pi.Endpoint.Port), PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task A_name_is_judged_again_at_every_poll_so_a_changed_answer_cannot_lead_around_the_policy()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        var answers = new Queue<IPAddress>([IPAddress.Loopback, IPAddress.Parse("127.0.0.2")]);
        var policy = new TargetPolicy([NetworkRange.Parse("127.0.0.1/32")], Setting);
        using var client = new PiClient(Fast, TimeProvider.System, policy, new StubResolver((_, _) => ValueTask.FromResult<IPAddress[]>([answers.Dequeue()])));
        var endpoint = new PiEndpoint("pi.example", pi.Endpoint.Port);

        var first = await client.PollAsync(endpoint, PiQuerySet.All, Ct);
        var second = await client.PollAsync(endpoint, PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, first.Reading);
        Assert.Equal($"the policy does not allow polling pi.example, which resolves to 127.0.0.2 (not in {Setting})", second.Failure?.Message);
        Assert.Equal(1, pi.Accepted);
    }
}

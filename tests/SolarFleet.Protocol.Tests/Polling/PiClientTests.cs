using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SolarFleet.Network;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Protocol.Tests.Polling;

/// <summary>End-to-end polls over real TCP sockets on loopback against a scripted Pi.</summary>
public sealed class PiClientTests
{
    private static readonly PiClientOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PollTimeout = TimeSpan.FromMilliseconds(300),
        IdleAnswerGap = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Room for a loaded build machine; only used to show that hangs end, never to judge speed.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private static readonly string ThreeAnswersAndAHalf =
        SampleAnswers.Line(PiQuery.PowerNow) + SampleAnswers.Line(PiQuery.PowerToday) + SampleAnswers.Line(PiQuery.PowerTotal) + "success: Sta";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Polls_a_good_pi_with_one_write_then_says_close_and_leaves()
    {
        IReadOnlyList<string> queries = [];
        var reads = 0;
        var afterAnswers = string.Empty;
        await using var pi = ScriptedPi.Start(async c =>
        {
            queries = await c.ReadQueriesAsync();
            reads = c.QueryReads;
            await c.SendAsync(SampleAnswers.For(queries));
            afterAnswers = await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        Assert.Null(result.Failure);
        Assert.Equal(SampleAnswers.Reading, result.Reading);
        Assert.Equal(PiQueryCatalog.All.Select(PiQueryCatalog.WireName), queries);
        Assert.Equal(1, reads);
        Assert.Equal("close\n", afterAnswers);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 1)]
    [InlineData("\r\n", 7)]
    [InlineData("", 1)]
    [InlineData("", 5)]
    public async Task Decodes_answers_split_into_pieces_with_any_terminator(string terminator, int pieceLength)
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            var queries = await c.ReadQueriesAsync();
            await c.SendInPiecesAsync(SampleAnswers.For(queries, terminator), pieceLength, TimeSpan.FromMilliseconds(0.5));
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.Null(result.Failure);
        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task Without_terminators_a_pi_that_closes_after_the_last_answer_is_read_in_full()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.SendAsync(SampleAnswers.For(await c.ReadQueriesAsync(), terminator: string.Empty));
            c.Close();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task A_slow_pi_without_terminators_is_read_answer_by_answer_across_idle_gaps()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            foreach (var query in await c.ReadQueriesAsync())
            {
                await c.SendAsync(SampleAnswers.For([query], terminator: string.Empty));
                await Task.Delay(Fast.IdleAnswerGap * 2, Ct);
            }

            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.Null(result.Failure);
        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task Refused_queries_are_unsupported_not_a_failure()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.GridHZ | PiQuerySet.UpTime));
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.Equal(
            SampleAnswers.Reading with { GridFrequencyHz = null, UptimeSeconds = null, Unsupported = PiQuerySet.GridHZ | PiQuerySet.UpTime },
            result.Reading);
    }

    [Fact]
    public async Task Answers_out_of_order_are_matched_by_name()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries.Reverse()));
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task Asks_only_the_wanted_queries()
    {
        IReadOnlyList<string> queries = [];
        await using var pi = ScriptedPi.Start(async c =>
        {
            queries = await c.ReadQueriesAsync();
            await c.SendAsync(SampleAnswers.For(queries));
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.PowerNow | PiQuerySet.TimeStamp, Ct);

        Assert.Equal(["PowerNow", "TimeStamp"], queries);
        Assert.Equal(new PiReading { PowerNowW = 2984, Timestamp = SampleAnswers.Reading.Timestamp }, result.Reading);
    }

    [Fact]
    public async Task Non_ascii_bytes_fail_with_a_protocol_error_naming_their_place_and_release_the_socket()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync("success: PowerNow 29\u00E984\n");
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        AssertFailure(result, PiFailureKind.ProtocolError, "protocol error: the Pi sent a non-ASCII byte (byte 21 of the poll)", 0);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n", "protocol error: the Pi sent a line that is not an answer (40 bytes)")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nServer: internal-admin/2.4\r\n\r\n", "protocol error: the Pi sent a line that is not an answer (24 bytes)")]
    [InlineData("error: secret-token-4f1c\n", "protocol error: the Pi answered PowerNow with an error other than 'invalid query' (17 bytes)")]
    [InlineData("success: root:x:0:0:root\n", "protocol error: PowerNow value of 15 bytes is not an integer")]
    [InlineData("success: PowerNow ami-0abc1234\n", "protocol error: PowerNow value of 12 bytes is not an integer")]
    public async Task A_service_that_is_not_a_pi_fails_with_a_message_that_quotes_none_of_its_bytes(string banner, string message)
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            // Banner services speak first, before reading anything.
            await c.SendAsync(banner);
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        Assert.Equal(PiFailureKind.ProtocolError, result.Failure?.Kind);
        Assert.Equal(message, result.Failure?.Message);
    }

    [Fact]
    public async Task An_endless_line_fails_at_the_line_limit_and_the_client_stops_reading()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.FloodUntilClientLeavesAsync(new byte[4096].Select(_ => (byte)'x').ToArray());
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        AssertFailure(result, PiFailureKind.ProtocolError, "protocol error: the Pi sent a line longer than 256 bytes", 0);
    }

    [Fact]
    public async Task An_endless_stream_of_short_lines_fails_at_the_poll_limit()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(SampleAnswers.Line(PiQuery.PowerNow));
            await c.FloodUntilClientLeavesAsync("\r\n\r\n\r\n\r\n"u8.ToArray());
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        AssertFailure(result, PiFailureKind.ProtocolError, "protocol error: the Pi sent more than 8192 bytes in one poll", 1);
    }

    [Fact]
    public async Task A_reset_mid_answer_is_a_lost_connection_after_the_answers_received()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(ThreeAnswersAndAHalf);
            await Task.Delay(50, Ct);
            c.Reset();
        });

        // An idle gap longer than the pause, so that the pause does not end the half answer.
        using var client = new PiClient(Fast with { IdleAnswerGap = TimeSpan.FromSeconds(3), PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        AssertFailure(result, PiFailureKind.ConnectionLost, "connection reset by the Pi after 3 of 8 answers", 3);
    }

    [Fact]
    public async Task A_close_mid_answer_is_a_lost_connection_after_the_answers_received()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(ThreeAnswersAndAHalf);
            c.Close();
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        AssertFailure(result, PiFailureKind.ConnectionLost, "connection closed by the Pi after 3 of 8 answers", 3);
    }

    [Fact]
    public async Task A_pi_that_accepts_and_never_answers_times_out_and_the_socket_is_released()
    {
        await using var pi = ScriptedPi.Start(async c => await c.ReadUntilClientLeavesAsync());
        using var client = new PiClient(Fast, TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Fast.PollTimeout + Slack);
        AssertFailure(result, PiFailureKind.PollTimeout, $"{pi.Endpoint} did not answer within 300 ms (0 of 8 answers)", 0);

        // The scripted Pi only finishes once the client has closed its side.
        await pi.WhenScriptsDoneAsync();
    }

    [Fact]
    public async Task A_pi_that_stops_half_way_times_out_counting_the_answers()
    {
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            await c.SendAsync(SampleAnswers.Line(PiQuery.PowerNow) + SampleAnswers.Line(PiQuery.PowerToday));
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct);
        await pi.WhenScriptsDoneAsync();

        AssertFailure(result, PiFailureKind.PollTimeout, "did not answer within 300 ms (2 of 8 answers)", 2);
    }

    [Fact]
    public async Task Nothing_listening_is_connection_refused()
    {
        using var closed = ScriptedPi.BindInPiRange(static _ => { });
        var endpoint = new PiEndpoint("127.0.0.1", ((IPEndPoint)closed.LocalEndPoint!).Port);
        using var client = new PiClient(Fast, TimeProvider.System);

        var result = await client.PollAsync(endpoint, PiQuerySet.All, Ct);

        AssertFailure(result, PiFailureKind.ConnectionRefused, $"connection refused by {endpoint} (nothing listening)", 0);
    }

    [Fact]
    public async Task A_listener_whose_accept_queue_is_full_is_a_connect_timeout()
    {
        using var listener = ScriptedPi.BindInPiRange(static s => s.Listen(0));
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            // Connect until one no longer completes: then the queue is full and further connection attempts go unanswered.
            var full = false;
            while (!full && fillers.Count < 16)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                var connect = filler.ConnectAsync(target, Ct).AsTask();
                full = await Task.WhenAny(connect, Task.Delay(200, Ct)) != connect;
            }

            Assert.SkipUnless(full, "This network stack accepts connections beyond the listen backlog.");
            using var client = new PiClient(Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(300), PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);
            var endpoint = new PiEndpoint("127.0.0.1", target.Port);

            var result = await client.PollAsync(endpoint, PiQuerySet.All, Ct);

            AssertFailure(result, PiFailureKind.ConnectTimeout, $"connecting to {endpoint} timed out after 300 ms", 0);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task An_unknown_host_is_host_not_found()
    {
        using var client = new PiClient(Fast, TimeProvider.System, TargetPolicy.Default,
            new StubResolver(static (_, _) => ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))));

        var result = await client.PollAsync(new PiEndpoint("no-such-pi.invalid", 50000), PiQuerySet.All, Ct);

        AssertFailure(result, PiFailureKind.HostNotFound, "host 'no-such-pi.invalid' not found", 0);
    }

    [Fact]
    public async Task A_name_with_no_addresses_is_host_not_found()
    {
        using var client = new PiClient(Fast, TimeProvider.System, TargetPolicy.Default, StubResolver.Answering());

        var result = await client.PollAsync(new PiEndpoint("empty.invalid", 50000), PiQuerySet.All, Ct);

        Assert.Equal(PiFailureKind.HostNotFound, result.Failure?.Kind);
    }

    [Fact]
    public async Task A_name_resolving_to_several_addresses_connects_to_the_one_that_listens()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        using var closed = ScriptedPi.BindInPiRange(static _ => { });

        // 127.0.0.2 has nothing on the port: refused, then 127.0.0.1 answers.
        using var client = new PiClient(Fast, TimeProvider.System, TargetPolicy.Default,
            StubResolver.Answering(IPAddress.Parse("127.0.0.2"), IPAddress.Loopback));

        var result = await client.PollAsync(new PiEndpoint("pi.example", pi.Endpoint.Port), PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task Resolves_localhost()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await client.PollAsync(new PiEndpoint("localhost", pi.Endpoint.Port), PiQuerySet.All, Ct);

        Assert.Equal(SampleAnswers.Reading, result.Reading);
    }

    [Fact]
    public async Task A_resolver_that_never_answers_is_a_connect_timeout()
    {
        using var client = new PiClient(Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, TargetPolicy.Default,
            new StubResolver(static async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return [];
            }));

        var result = await client.PollAsync(new PiEndpoint("slow.invalid", 50000), PiQuerySet.All, Ct);

        AssertFailure(result, PiFailureKind.ConnectTimeout, "resolving host 'slow.invalid' timed out after 200 ms", 0);
    }

    [Fact]
    public async Task The_callers_cancellation_throws_and_releases_the_socket()
    {
        var answering = new TaskCompletionSource();
        await using var pi = ScriptedPi.Start(async c =>
        {
            await c.ReadQueriesAsync();
            answering.SetResult();
            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var poll = client.PollAsync(pi.Endpoint, PiQuerySet.All, cancel.Token).AsTask();
        await answering.Task.WaitAsync(Ct);
        await cancel.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.Equal(cancel.Token, thrown.CancellationToken);
        await pi.WhenScriptsDoneAsync();
    }

    [Fact]
    public async Task A_client_serves_many_concurrent_polls_and_recovers_from_timeouts()
    {
        var served = 0;
        await using var pi = ScriptedPi.Start(async c =>
        {
            var queries = await c.ReadQueriesAsync();

            // Every fifth connection hangs; the others answer.
            if (Interlocked.Increment(ref served) % 5 != 0)
            {
                await c.SendAsync(SampleAnswers.For(queries));
            }

            await c.ReadUntilClientLeavesAsync();
        });
        using var client = new PiClient(Fast with { PollTimeout = TimeSpan.FromSeconds(2) }, TimeProvider.System);

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PollAsync(pi.Endpoint, PiQuerySet.All, Ct).AsTask()));

            Assert.Equal(16, results.Count(r => r.Reading == SampleAnswers.Reading));
            Assert.Equal(4, results.Count(r => r.Failure?.Kind == PiFailureKind.PollTimeout));
        }
    }

    private static void AssertFailure(PiPollResult result, PiFailureKind kind, string message, int answersReceived)
    {
        Assert.Null(result.Reading);
        var failure = Assert.IsType<PiPollFailure>(result.Failure);
        Assert.Equal(kind, failure.Kind);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal(answersReceived, failure.AnswersReceived);
    }
}

using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Protocol.Queries;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>Every fault mode, as a client sees it on the wire, at noon in Los Angeles.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = TestClock.At(TestClock.LosAngeles, new DateTime(2025, 6, 21, 12, 0, 0));
    private readonly CancellationTokenSource _deadline = TestClock.Deadline();
    private PiSimulator? _simulator;

    private SimulatedPi Pi => _simulator!.Pis[0];

    private CancellationToken Token => _deadline.Token;

    public async ValueTask InitializeAsync() =>
        _simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [TestClock.LosAngeles] }, _clock, null, Token);

    public async ValueTask DisposeAsync()
    {
        await _simulator!.DisposeAsync();
        _deadline.Dispose();
    }

    [Fact]
    public async Task Refusing_connections_closes_the_port_until_the_fault_is_cleared()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.RefuseConnections);

        var refused = await Assert.ThrowsAsync<SocketException>(() => WireClient.ConnectAsync(Pi.Endpoint, Token));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        Pi.Faults = PiFaults.None;
        Assert.Equal("success: Status 7\n", await WireClient.AskAsync(Pi.Endpoint, "Status\n", Token));
    }

    [Fact]
    public async Task A_hanging_Pi_accepts_and_reads_but_never_answers_until_idle_drops_it()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.Hang);
        await using var client = await WireClient.ConnectAsync(Pi.Endpoint, Token);

        await client.SendAsync(WireClient.AllQueries + "close\n", Token);

        Assert.Equal(-1, await client.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300), Token));
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Empty(await client.ReadToEndAsync(Token));
        Assert.Equal(0, Pi.QueriesAnswered);
    }

    [Fact]
    public async Task Slow_answers_wait_their_delay_on_the_simulator_clock()
    {
        Pi.Faults = new PiFaults { Modes = PiFaultModes.SlowAnswers, AnswerDelay = TimeSpan.FromSeconds(2) };
        await using var client = await WireClient.ConnectAsync(Pi.Endpoint, Token);
        var sent = _clock.GetUtcNow();

        await client.SendAsync("Status\n", Token);

        Assert.Equal(-1, await client.ReceiveWithinAsync(TimeSpan.FromMilliseconds(300), Token));
        while (await client.ReceiveWithinAsync(TimeSpan.FromMilliseconds(20), Token) < 0)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(_clock.GetUtcNow() - sent >= TimeSpan.FromSeconds(2));
        Assert.Equal(["success: Status 7"], await client.ReadLinesAsync(1, Token));
    }

    [Fact]
    public async Task Split_answers_arrive_one_byte_per_segment()
    {
        var whole = await SegmentsForOneAnswerAsync();
        Pi.Faults = PiFaults.Of(PiFaultModes.SplitBytes);
        var split = await SegmentsForOneAnswerAsync();

        Assert.Equal(1, whole);
        Assert.True(split > 1, $"The answer came in {split} segment(s).");
    }

    [Fact]
    public async Task Answers_can_lack_a_terminator()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.NoTerminator);

        var text = await WireClient.AskAsync(Pi.Endpoint, "Status\nPowerYesterday\n", Token);

        Assert.Equal("success: Status 7error: invalid query", text);
    }

    [Fact]
    public async Task Answers_can_end_in_crlf()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.CrLf);

        var text = await WireClient.AskAsync(Pi.Endpoint, "Status\nPowerYesterday\n", Token);

        Assert.Equal("success: Status 7\r\nerror: invalid query\r\n", text);
    }

    [Fact]
    public async Task Garbage_answers_are_non_ascii_lines()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.Garbage);
        await using var client = await WireClient.ConnectAsync(Pi.Endpoint, Token);

        await client.SendAsync("PowerNow\nStatus\nclose\n", Token);
        var bytes = await client.ReadToEndAsync(Token);

        Assert.Equal(2, bytes.Count(b => b == (byte)'\n'));
        Assert.All(bytes.Where(b => b != (byte)'\n'), b => Assert.True(b >= 0x80, $"0x{b:X2} is ASCII."));
    }

    [Fact]
    public async Task A_flood_sends_bytes_without_a_newline_until_the_client_leaves()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.Flood);
        await using (var client = await WireClient.ConnectAsync(Pi.Endpoint, Token))
        {
            await client.SendAsync("PowerNow\n", Token);
            var flood = await client.ReadToEndAsync(Token, limit: 256 * 1024);

            Assert.True(flood.Length >= 256 * 1024);
            Assert.DoesNotContain((byte)'\n', flood);
        }

        await TestClock.EventuallyAsync(() => Pi.OpenConnections == 0, "the flood stops once the client is gone", Token);
    }

    [Fact]
    public async Task A_reset_mid_answer_sends_whole_answers_then_part_of_one_then_RST()
    {
        Pi.Faults = new PiFaults { Modes = PiFaultModes.ResetMidAnswer, AnswersBeforeReset = 1 };
        await using var client = await WireClient.ConnectAsync(Pi.Endpoint, Token);
        await client.SendAsync("Status\nTimeStamp\nPowerNow\n", Token);

        var received = new List<byte>();
        var buffer = new byte[1024];
        var reset = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            while (true)
            {
                var read = await client.Socket.ReceiveAsync(buffer, SocketFlags.None, Token);
                Assert.True(read > 0, "The connection ended in order instead of being reset.");
                received.AddRange(buffer.AsSpan(0, read));
            }
        });

        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        var text = Encoding.ASCII.GetString([.. received]);
        Assert.True("success: Status 7\nsuccess: TimeStamp 2025-06-21 12:00:00".StartsWith(text, StringComparison.Ordinal) || text.Length == 0, text);
    }

    [Fact]
    public async Task Chosen_queries_are_answered_as_invalid()
    {
        Pi.Faults = new PiFaults { Modes = PiFaultModes.InvalidQueries, InvalidQueries = PiQuerySet.UpTime | PiQuerySet.GridHZ };

        var lines = (await WireClient.AskAsync(Pi.Endpoint, "UpTime\nPowerNow\nGridHZ\n", Token)).TrimEnd('\n').Split('\n');

        Assert.Equal("error: invalid query", lines[0]);
        Assert.StartsWith("success: PowerNow ", lines[1], StringComparison.Ordinal);
        Assert.Equal("error: invalid query", lines[2]);
    }

    [Fact]
    public async Task A_fault_status_is_reported_with_no_power_and_clears_at_the_next_update()
    {
        Pi.Faults = new PiFaults { Modes = PiFaultModes.FaultStatus, FaultStatusCode = 12 };
        _clock.Advance(TimeSpan.FromSeconds(23));

        var faulted = await WireClient.PollAsync(Pi.Endpoint, Token);
        Pi.Faults = PiFaults.None;
        _clock.Advance(TimeSpan.FromMinutes(10));
        var recovered = await WireClient.PollAsync(Pi.Endpoint, Token);

        Assert.Equal(("12", "0"), (faulted["Status"], faulted["PowerNow"]));
        Assert.Equal("7", recovered["Status"]);
        Assert.NotEqual("0", recovered["PowerNow"]);
    }

    [Fact]
    public async Task A_single_client_Pi_resets_a_second_concurrent_connection_unanswered()
    {
        Pi.Faults = PiFaults.Of(PiFaultModes.SingleClient);
        await using var first = await WireClient.ConnectAsync(Pi.Endpoint, Token);
        await first.SendAsync("Status\n", Token);
        await first.ReadLinesAsync(1, Token);

        // The reset can beat the connect's completion, so it may surface there or on the first read.
        var reset = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            await using var second = await WireClient.ConnectAsync(Pi.Endpoint, Token);
            await second.ReadToEndAsync(Token);
        });
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.Equal(1, Pi.ConnectionsRejected);
        Assert.Equal(1, Pi.MaxConcurrentConnections);
        await first.SendAsync("PowerNow\n", Token);
        Assert.Single(await first.ReadLinesAsync(1, Token));
    }

    [Fact]
    public async Task A_stale_Pi_freezes_its_values_while_the_inverter_keeps_producing()
    {
        var before = await WireClient.PollAsync(Pi.Endpoint, Token);
        var lifetimeBefore = Pi.LifetimeWh;
        Pi.Faults = PiFaults.Of(PiFaultModes.StaleTimeStamp);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var stale = await WireClient.PollAsync(Pi.Endpoint, Token);
        Pi.Faults = PiFaults.None;
        var fresh = await WireClient.PollAsync(Pi.Endpoint, Token);

        Assert.Equal(before, stale);
        Assert.True(Pi.LifetimeWh > lifetimeBefore);
        Assert.NotEqual(before["TimeStamp"], fresh["TimeStamp"]);
        Assert.True(long.Parse(fresh["PowerToday"], System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(before["PowerToday"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<long> SegmentsForOneAnswerAsync()
    {
        await using var client = await WireClient.ConnectAsync(Pi.Endpoint, Token);
        await client.SendAsync("TimeStamp\nclose\n", Token);
        Assert.Equal("success: TimeStamp 2025-06-21 12:00:00\n".Length, (await client.ReadToEndAsync(Token)).Length);
        return TcpSegments.DataSegmentsReceived(client.Socket);
    }
}

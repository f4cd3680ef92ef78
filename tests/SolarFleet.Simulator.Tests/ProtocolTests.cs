using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Inverter;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>The line protocol as a client sees it, at noon in Los Angeles on midsummer's day.</summary>
public sealed class ProtocolTests
{
    private static readonly DateTime Noon = new(2025, 6, 21, 12, 0, 0);

    [Fact]
    public async Task Every_query_is_answered_in_order_with_its_canonical_name_and_format()
    {
        using var deadline = TestClock.Deadline();
        var clock = TestClock.At(TestClock.LosAngeles, Noon);
        await using var simulator = await StartAsync(clock);
        var pi = simulator.Pis[0];

        var text = await WireClient.AskAsync(pi.Endpoint, WireClient.AllQueries, deadline.Token);

        var lines = text.Split('\n');
        Assert.Equal(9, lines.Length);
        Assert.Equal("", lines[8]);
        var expected = pi.Reading;
        Assert.Equal($"success: PowerNow {expected.PowerNowW}", lines[0]);
        Assert.Equal($"success: PowerToday {expected.PowerTodayWh}", lines[1]);
        Assert.Matches(@"^success: PowerTotal \d+\.\d{3}$", lines[2]);
        Assert.Equal(expected.LifetimeWh / 1000.0, double.Parse(lines[2].Split(' ')[2], CultureInfo.InvariantCulture), 3);
        Assert.Equal("success: Status 7", lines[3]);
        Assert.Matches(@"^success: GridV \d{3}\.\d$", lines[4]);
        Assert.InRange(double.Parse(lines[4].Split(' ')[2], CultureInfo.InvariantCulture), 237.0, 243.0);
        Assert.Matches(@"^success: GridHZ \d{2}\.\d{2}$", lines[5]);
        Assert.InRange(double.Parse(lines[5].Split(' ')[2], CultureInfo.InvariantCulture), 59.97, 60.03);
        Assert.Matches(@"^success: UpTime \d+$", lines[6]);
        var stamp = Regex.Match(lines[7], @"^success: TimeStamp (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$");
        Assert.True(stamp.Success, lines[7]);
        var local = DateTime.ParseExact(stamp.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.InRange(local, Noon.AddSeconds(-23), Noon);
        Assert.InRange(expected.PowerNowW, 1, 4000);
    }

    [Fact]
    public async Task Queries_are_case_insensitive_and_crlf_requests_are_understood()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));

        var text = await WireClient.AskAsync(simulator.Pis[0].Endpoint, "pOwErNoW\r\nSTATUS\r\n  gridhz  \n", deadline.Token);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("success: PowerNow ", lines[0], StringComparison.Ordinal);
        Assert.Equal("success: Status 7", lines[1]);
        Assert.StartsWith("success: GridHZ ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_query_gets_an_error_in_its_place_and_the_rest_are_answered()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));

        var text = await WireClient.AskAsync(simulator.Pis[0].Endpoint, "PowerNow\nPowerYesterday\nStatus\n", deadline.Token);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("success: PowerNow ", lines[0], StringComparison.Ordinal);
        Assert.Equal("error: invalid query", lines[1]);
        Assert.Equal("success: Status 7", lines[2]);
        Assert.Equal(3, simulator.Pis[0].QueriesAnswered);
    }

    [Fact]
    public async Task Close_ends_the_connection_without_an_answer_and_queries_after_it_are_ignored()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));
        await using var client = await WireClient.ConnectAsync(simulator.Pis[0].Endpoint, deadline.Token);

        await client.SendAsync("Status\nCLOSE\n", deadline.Token);
        var text = Encoding.ASCII.GetString(await client.ReadToEndAsync(deadline.Token));

        Assert.Equal("success: Status 7\n", text);
    }

    [Fact]
    public async Task A_query_split_over_two_writes_is_answered_once_complete()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));
        await using var client = await WireClient.ConnectAsync(simulator.Pis[0].Endpoint, deadline.Token);

        await client.SendAsync("Sta", deadline.Token);
        Assert.Equal(-1, await client.ReceiveWithinAsync(TimeSpan.FromMilliseconds(200), deadline.Token));
        await client.SendAsync("tus\n", deadline.Token);

        Assert.Equal(["success: Status 7"], await client.ReadLinesAsync(1, deadline.Token));
    }

    [Fact]
    public async Task An_overlong_line_is_an_invalid_query_and_the_connection_goes_on()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));

        var text = await WireClient.AskAsync(simulator.Pis[0].Endpoint, new string('A', 3000) + "\nStatus\n", deadline.Token);

        Assert.Equal("error: invalid query\nsuccess: Status 7\n", text);
    }

    [Fact]
    public async Task An_idle_client_is_dropped_after_the_idle_timeout()
    {
        using var deadline = TestClock.Deadline();
        var clock = TestClock.At(TestClock.LosAngeles, Noon);
        await using var simulator = await StartAsync(clock);
        var pi = simulator.Pis[0];
        await using var client = await WireClient.ConnectAsync(pi.Endpoint, deadline.Token);
        await client.SendAsync("Status\n", deadline.Token);
        await client.ReadLinesAsync(1, deadline.Token);

        clock.Advance(TimeSpan.FromSeconds(29));
        await client.SendAsync("Status\n", deadline.Token);
        await client.ReadLinesAsync(1, deadline.Token);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(-1, await client.ReceiveWithinAsync(TimeSpan.FromMilliseconds(100), deadline.Token));
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(await client.ReadToEndAsync(deadline.Token));
        await TestClock.EventuallyAsync(() => pi.OpenConnections == 0, "the server forgets the connection", deadline.Token);
    }

    [Fact]
    public async Task PowerTotal_can_be_served_in_watt_hours()
    {
        using var deadline = TestClock.Deadline();
        var options = new PiSimulatorOptions { PowerTotalFormat = PowerTotalFormat.WattHours };
        await using var simulator = await PiSimulator.StartAsync(options, TestClock.At(TestClock.LosAngeles, Noon), null, deadline.Token);

        var answers = await WireClient.PollAsync(simulator.Pis[0].Endpoint, deadline.Token);

        Assert.Matches(@"^\d+$", answers["PowerTotal"]);
        Assert.Equal(simulator.Pis[0].LifetimeWh, long.Parse(answers["PowerTotal"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Sequential_polls_never_overlap_and_are_counted()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));
        var pi = simulator.Pis[0];

        for (var i = 0; i < 5; i++)
        {
            await WireClient.PollAsync(pi.Endpoint, deadline.Token);
            await TestClock.EventuallyAsync(() => pi.OpenConnections == 0, "the poll's connection has ended", deadline.Token);
        }

        Assert.Equal(5, pi.ConnectionsAccepted);
        Assert.Equal(40, pi.QueriesAnswered);
        Assert.Equal(1, pi.MaxConcurrentConnections);
    }

    [Fact]
    public async Task Two_clients_at_once_are_both_served_and_the_overlap_is_recorded()
    {
        using var deadline = TestClock.Deadline();
        await using var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));
        var pi = simulator.Pis[0];
        await using var first = await WireClient.ConnectAsync(pi.Endpoint, deadline.Token);
        await using var second = await WireClient.ConnectAsync(pi.Endpoint, deadline.Token);

        await first.SendAsync("Status\n", deadline.Token);
        await second.SendAsync("Status\n", deadline.Token);

        Assert.Equal(["success: Status 7"], await first.ReadLinesAsync(1, deadline.Token));
        Assert.Equal(["success: Status 7"], await second.ReadLinesAsync(1, deadline.Token));
        Assert.Equal(2, pi.MaxConcurrentConnections);
    }

    [Fact]
    public async Task Disposing_the_simulator_closes_live_connections_and_ports()
    {
        using var deadline = TestClock.Deadline();
        var simulator = await StartAsync(TestClock.At(TestClock.LosAngeles, Noon));
        var endpoint = simulator.Pis[0].Endpoint;
        await using var client = await WireClient.ConnectAsync(endpoint, deadline.Token);
        await client.SendAsync("Status\n", deadline.Token);
        await client.ReadLinesAsync(1, deadline.Token);

        await simulator.DisposeAsync();

        Assert.Empty(await client.ReadToEndAsync(deadline.Token));
        var refused = await Assert.ThrowsAsync<SocketException>(() => WireClient.ConnectAsync(endpoint, deadline.Token));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private static Task<PiSimulator> StartAsync(FakeTimeProvider clock) =>
        PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [TestClock.LosAngeles] }, clock, null, TestContext.Current.CancellationToken);
}

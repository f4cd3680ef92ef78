using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Protocol.Polling;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>Starting many Pis, choosing their ports, and rejecting bad options.</summary>
public sealed class HostingTests
{
    private static readonly DateTime Noon = new(2025, 6, 21, 12, 0, 0);

    [Fact]
    public async Task A_thousand_Pis_start_in_one_process_and_the_first_and_last_answer()
    {
        using var deadline = TestClock.Deadline();
        var clock = TestClock.At(TestClock.LosAngeles, Noon);
        var options = new PiSimulatorOptions { PiCount = 1000, Sites = [TestClock.LosAngeles, TestClock.Sydney] };

        await using var simulator = await PiSimulator.StartAsync(options, clock, null, deadline.Token);

        Assert.Equal(1000, simulator.Pis.Count);
        Assert.Equal(1000, simulator.Pis.Select(pi => pi.Endpoint).Distinct().Count());
        Assert.All(simulator.Pis, pi => Assert.InRange(pi.Endpoint.Port, PiEndpoint.MinPort, PiEndpoint.MaxPort));
        var first = await WireClient.PollAsync(simulator.Pis[0].Endpoint, deadline.Token);
        var last = await WireClient.PollAsync(simulator.Pis[^1].Endpoint, deadline.Token);
        Assert.Equal("7", first["Status"]);
        Assert.Equal(8, last.Count);
        Assert.Same(TestClock.Sydney, simulator.Pis[^1].Site);
        Assert.Same(TestClock.LosAngeles, simulator.Pis[0].Site);
        Assert.NotEqual(simulator.Pis[0].Seed, simulator.Pis[2].Seed);
    }

    [Fact]
    public async Task Automatic_ports_sit_above_the_hosts_ephemeral_range_where_no_outgoing_connection_can_hold_them()
    {
        using var deadline = TestClock.Deadline();
        var ephemeral = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var firstAbove = int.Parse(ephemeral[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
        Assert.InRange(firstAbove, PiEndpoint.MinPort + 1, PiEndpoint.MaxPort - 500);

        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { PiCount = 200 }, TestClock.At(TestClock.LosAngeles, Noon), null, deadline.Token);

        Assert.All(simulator.Pis, pi => Assert.InRange(pi.Endpoint.Port, firstAbove, PiEndpoint.MaxPort));
    }

    [Fact]
    public async Task Past_port_65535_a_loopback_host_continues_on_the_next_address()
    {
        using var deadline = TestClock.Deadline();
        var options = new PiSimulatorOptions { BasePort = 65534, PiCount = 4 };

        await using var simulator = await PiSimulator.StartAsync(options, TestClock.At(TestClock.LosAngeles, Noon), null, deadline.Token);

        Assert.Equal(
            ["127.0.0.1:65534", "127.0.0.1:65535", "127.0.0.2:65534", "127.0.0.2:65535"],
            simulator.Pis.Select(pi => pi.Endpoint.ToString()));
        Assert.Equal("127.0.0.1:65534-65535, 127.0.0.2:65534-65535", simulator.DescribeEndpoints());
        Assert.Equal(8, (await WireClient.PollAsync(simulator.Pis[3].Endpoint, deadline.Token)).Count);
    }

    [Fact]
    public async Task A_base_port_already_in_use_is_a_clear_error_and_nothing_stays_bound()
    {
        using var deadline = TestClock.Deadline();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var port = BindInPiRange(squatter, offset: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PiSimulator.StartAsync(
            new PiSimulatorOptions { BasePort = port - 1, PiCount = 2 }, TestClock.At(TestClock.LosAngeles, Noon), null, deadline.Token));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, port - 1));
    }

    [Fact]
    public async Task A_port_another_simulator_listens_on_is_refused_not_shared()
    {
        using var deadline = TestClock.Deadline();
        var clock = TestClock.At(TestClock.LosAngeles, Noon);
        await using var first = await PiSimulator.StartAsync(new PiSimulatorOptions(), clock, null, deadline.Token);
        var taken = first.Pis[0].Endpoint;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PiSimulator.StartAsync(
            new PiSimulatorOptions { Host = taken.Host, BasePort = taken.Port }, clock, null, deadline.Token));

        Assert.Contains(taken.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 8080)]
    [InlineData(1, 70000)]
    public async Task Bad_counts_and_ports_are_rejected(int count, int basePort)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = count, BasePort = basePort }, new FakeTimeProvider(), null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_simulator_needs_a_site()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PiSimulator.StartAsync(
            new PiSimulatorOptions { Sites = [] }, new FakeTimeProvider(), null, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(91, 0, "UTC")]
    [InlineData(0, 181, "UTC")]
    [InlineData(0, 0, "Mars/Olympus_Mons")]
    public void A_site_with_an_impossible_position_or_unknown_zone_is_rejected(double latitude, double longitude, string zone)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SimulatedSite("bad", latitude, longitude, zone));
    }

    /// <summary>Binds a socket on a free port whose predecessor is free too, outside the kernel's ephemeral range.</summary>
    private static int BindInPiRange(Socket socket, int offset)
    {
        for (var port = 61000 + Random.Shared.Next(4000); ; port++)
        {
            try
            {
                using var before = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                before.Bind(new IPEndPoint(IPAddress.Loopback, port - offset));
                before.Close();
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                socket.Listen();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try the next.
            }
        }
    }
}

using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>
/// The API refuses targets the default polling policy refuses, in every notation, and polls nothing it refused. The
/// host's Pi client only records what it is asked to poll, so no test here opens a socket.
/// </summary>
public sealed class PollTargetTests(RecordingSilo host) : IClassFixture<RecordingSilo>
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("169.254.169.254", "169.254.169.254", "link-local")]
    [InlineData("2852039166", "169.254.169.254", "link-local")]
    [InlineData("0xa9fea9fe", "169.254.169.254", "link-local")]
    [InlineData("0251.0376.0251.0376", "169.254.169.254", "link-local")]
    [InlineData("169.254.43518", "169.254.169.254", "link-local")]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", "link-local")]
    [InlineData("::ffff:a9fe:a9fe", "169.254.169.254", "link-local")]
    [InlineData("fe80::1", "fe80::1", "link-local")]
    [InlineData("fe80::1%1", "fe80::1", "link-local")]
    [InlineData("[fe80::1]:80", "fe80::1", "link-local")]
    [InlineData("0.0.0.0", "0.0.0.0", "unspecified")]
    [InlineData("0", "0.0.0.0", "unspecified")]
    [InlineData("0.0.0.1", "0.0.0.1", "unspecified")]
    [InlineData("::", "::", "unspecified")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "239.255.255.250", "multicast")]
    [InlineData("::ffff:224.0.0.1", "224.0.0.1", "multicast")]
    [InlineData("ff02::1", "ff02::1", "multicast")]
    [InlineData("255.255.255.255", "255.255.255.255", "broadcast")]
    [InlineData("4294967295", "255.255.255.255", "broadcast")]
    [InlineData("::ffff:255.255.255.255", "255.255.255.255", "broadcast")]
    [InlineData("8.8.8.8", "8.8.8.8", "not in SolarFleet:Polling:AllowedNetworks")]
    [InlineData("134744072", "8.8.8.8", "not in SolarFleet:Polling:AllowedNetworks")]
    [InlineData("::ffff:8.8.8.8", "8.8.8.8", "not in SolarFleet:Polling:AllowedNetworks")]
    [InlineData("2001:4860:4860::8888", "2001:4860:4860::8888", "not in SolarFleet:Polling:AllowedNetworks")]
    [InlineData("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "embeds 169.254.169.254, link-local")]
    public async Task A_target_the_policy_refuses_is_a_400_naming_host_and_is_never_polled(string target, string address, string reason)
    {
        (await host.Admin.Put("/api/sites/attack-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/attack-home/inverters/probe", new { host = target, port = 50000 });

        Assert.Equal(["host"], await response.ErrorFields());
        Assert.Equal($"the policy does not allow polling {address} ({reason}).", await FirstError(response, "host"));
        using var inverter = await host.Reader.Get("/api/sites/attack-home/inverters/probe");
        Assert.Equal(HttpStatusCode.NotFound, inverter.StatusCode);
        Assert.False(host.Polled(target) || host.Polled(address));
    }

    [Fact]
    public async Task A_refused_target_deep_in_a_fleet_document_is_named_by_its_path_and_nothing_is_applied()
    {
        var (zone, _, _) = DaylightSite.Now();
        var document = new
        {
            sites = new object[]
            {
                new { id = "doc-a", name = "A", timeZone = zone, inverters = new object[] { new { id = "roof", host = "10.20.1.15", port = 50001 } } },
                new
                {
                    id = "doc-b", name = "B", timeZone = zone,
                    inverters = new object[]
                    {
                        new { id = "roof", host = "192.168.7.20", port = 50001 },
                        new { id = "meta", host = "::ffff:169.254.169.254", port = 50001 },
                    },
                },
            },
        };

        using var response = await host.Admin.Put("/api/fleet", document);

        Assert.Equal(["sites[1].inverters[1].host"], await response.ErrorFields());
        Assert.Equal("the policy does not allow polling 169.254.169.254 (link-local).", await FirstError(response, "sites[1].inverters[1].host"));
        using var site = await host.Reader.Get("/api/sites/doc-a");
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5")]
    [InlineData("167772165", "10.0.0.5")]
    [InlineData("0x0a000005", "10.0.0.5")]
    [InlineData("012.0.0.5", "10.0.0.5")]
    [InlineData("10.5", "10.0.0.5")]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5")]
    [InlineData("FD00:0:0::5", "fd00::5")]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    public async Task An_allowed_address_is_stored_and_polled_in_its_canonical_form(string written, string canonical)
    {
        (await host.Admin.Put("/api/sites/canonical-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/canonical-home/inverters/pi", new { host = written, port = 50003 });

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(canonical, (string?)(await response.Json())["host"]);
        await Eventually.Get(() => Task.FromResult(host.Polled(canonical)), polled => polled, PollWait, $"a poll of {canonical}");
    }

    [Fact]
    public async Task A_host_name_is_accepted_because_it_is_checked_when_it_is_resolved_at_poll_time()
    {
        (await host.Admin.Put("/api/sites/named-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/named-home/inverters/pi", new { host = "pi-garage.home.lan", port = 50004 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("pi-garage.home.lan", (string?)(await response.Json())["host"]);
    }

    private static async Task<string?> FirstError(HttpResponseMessage response, string field) =>
        (string?)(await response.Json())["errors"]![field]![0];
}

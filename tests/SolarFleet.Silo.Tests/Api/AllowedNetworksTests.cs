using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>A silo whose SolarFleet:Polling:AllowedNetworks lists only 10.0.0.0/8; its Pi client only records.</summary>
public sealed class AllowedNetworksTests(TenOnlyRecordingSilo host) : IClassFixture<TenOnlyRecordingSilo>
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("192.168.1.20", "192.168.1.20")]
    public async Task Loopback_in_any_notation_and_private_ranges_not_listed_are_refused(string target, string canonical)
    {
        (await host.Admin.Put("/api/sites/ten-home", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/ten-home/inverters/pi", new { host = target, port = 50000 });

        Assert.Equal(["host"], await response.ErrorFields());
        Assert.Equal(
            $"the policy does not allow polling {canonical} (not in SolarFleet:Polling:AllowedNetworks).",
            (string?)(await response.Json())["errors"]!["host"]![0]);
        Assert.False(host.Polled(canonical));
    }

    [Fact]
    public async Task A_listed_network_is_allowed()
    {
        (await host.Admin.Put("/api/sites/ten-home-ok", SiloWithSimulator.SiteBody())).Dispose();

        using var response = await host.Admin.Put("/api/sites/ten-home-ok/inverters/pi", new { host = "10.20.1.15", port = 50001 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SolarFleet.Network;
using SolarFleet.Protocol.Tests.Peers;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

/// <summary>
/// The silo's own Pi client polls by the configured policy: a name the API accepted, whose resolution the policy
/// refuses, is never connected to. The name resolves to loopback, which this silo's policy does not list, and a Pi
/// listens there to show it is never reached.
/// </summary>
public sealed class PollTimePolicyTests
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_name_resolving_outside_the_allowed_networks_fails_as_not_allowed_and_nothing_is_connected()
    {
        await using var pi = new ScriptedPi();
        await using var factory = new SolarFleetFactory()
            .With("SolarFleet:Grains:JitterFirstPoll", "false")
            .With("SolarFleet:Polling:AllowedNetworks:0", "10.0.0.0/8")
            .WithServices(services => services.AddSingleton<IHostResolver>(StubResolver.Answering(IPAddress.Loopback)));
        using var admin = factory.Client(SolarFleetFactory.AdminKey);
        using var reader = factory.Client(SolarFleetFactory.ReaderKey);
        (await admin.Put("/api/sites/dns-home", SiloWithSimulator.SiteBody())).Dispose();

        using (var registered = await admin.Put("/api/sites/dns-home/inverters/pi", new { host = "pi.dns-home.example", port = pi.Port, pollSeconds = 5 }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var inverter = await Eventually.Get(
            () => reader.GetJson("/api/sites/dns-home/inverters/pi"),
            j => j["lastError"] is not null,
            PollWait,
            "a failed poll");

        Assert.Equal(
            "not_allowed: the policy does not allow polling pi.dns-home.example, which resolves to 127.0.0.1 (not in SolarFleet:Polling:AllowedNetworks)",
            (string?)inverter["lastError"]);
        Assert.True((int)inverter["consecutiveFailures"]! >= 1);
        Assert.Equal(0, pi.Polls);
    }
}

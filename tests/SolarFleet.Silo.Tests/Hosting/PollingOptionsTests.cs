using System.Net;
using SolarFleet.Network;
using SolarFleet.Silo.Hosting;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class PollingOptionsTests
{
    [Fact]
    public void Unset_or_empty_allowed_networks_mean_loopback_and_the_private_ranges()
    {
        Assert.Equal(TargetPolicy.DefaultAllowedNetworks, new PollingOptions().ToPolicy().AllowedNetworks);
        Assert.Equal(TargetPolicy.DefaultAllowedNetworks, new PollingOptions { AllowedNetworks = [] }.ToPolicy().AllowedNetworks);
    }

    [Fact]
    public void A_list_replaces_the_default_and_refusals_name_the_setting()
    {
        var policy = new PollingOptions { AllowedNetworks = ["10.8.0.0/16", "fd42::/48"] }.ToPolicy();

        Assert.Equal(["10.8.0.0/16", "fd42::/48"], policy.AllowedNetworks.Select(n => n.ToString()));
        Assert.Equal(
            "192.168.1.20 (not in SolarFleet:Polling:AllowedNetworks)",
            policy.Check(IPAddress.Parse("192.168.1.20")).ToString());
    }
}

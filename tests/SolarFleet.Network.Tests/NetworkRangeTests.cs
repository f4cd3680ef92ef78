using System.Net;

namespace SolarFleet.Network.Tests;

public sealed class NetworkRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 192.168.0.0/16 ", "192.168.0.0/16")]
    [InlineData("FC00::/7", "fc00::/7")]
    [InlineData("fd00:0:0::/8", "fd00::/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("::/0", "::/0")]
    [InlineData("10.20.1.15", "10.20.1.15/32")]
    [InlineData("::1", "::1/128")]
    public void Cidr_notation_and_bare_addresses_parse_to_their_canonical_text(string text, string canonical) =>
        Assert.Equal(canonical, NetworkRange.Parse(text).ToString());

    [Theory]
    [InlineData("172.16.0.0/12", "172.16.0.0", true)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("172.16.0.0/12", "172.15.255.255", false)]
    [InlineData("100.64.0.0/10", "100.127.255.255", true)]
    [InlineData("100.64.0.0/10", "100.128.0.0", false)]
    [InlineData("10.20.1.15", "10.20.1.15", true)]
    [InlineData("10.20.1.15", "10.20.1.16", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "::1", false)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("fc00::/7", "fdff:ffff::1", true)]
    [InlineData("fc00::/7", "fe00::", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.5", false)]
    public void A_network_holds_exactly_the_addresses_of_its_family_under_its_prefix(string network, string address, bool contained) =>
        Assert.Equal(contained, NetworkRange.Parse(network).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("10.0.0.0/33", "an IPv4 prefix length is 0-32")]
    [InlineData("fd00::/129", "an IPv6 prefix length is 0-128")]
    [InlineData("10.0.0.1/8", "bits are set after the prefix (the network is 10.0.0.0/8)")]
    [InlineData("fd00::1/8", "bits are set after the prefix (the network is fd00::/8)")]
    [InlineData("10/8", "write an IPv4 address as four decimal numbers (a.b.c.d)")]
    [InlineData("010.0.0.0/8", "write an IPv4 address as four decimal numbers (a.b.c.d)")]
    [InlineData("0x0a000000/8", "write an IPv4 address as four decimal numbers (a.b.c.d)")]
    [InlineData("192.168.0.0/", "the prefix length is not a number")]
    [InlineData("192.168.0.0/+16", "the prefix length is not a number")]
    [InlineData("192.168.0.0/16/8", "the prefix length is not a number")]
    [InlineData("192.168.0.0/ 16", "the prefix length is not a number")]
    [InlineData("::ffff:10.0.0.0/104", "write an IPv4-mapped network as IPv4 (10.0.0.0/8)")]
    [InlineData("::ffff:0:0/96", "write an IPv4-mapped network as IPv4 (0.0.0.0/0)")]
    [InlineData("fd00::%1/8", "not an IP address")]
    [InlineData("[fd00::]/8", "not an IP address")]
    [InlineData("pi.home.lan/24", "not an IP address")]
    [InlineData("192.168.0.0-192.168.255.255", "not an IP address")]
    public void A_range_that_could_mean_something_else_is_refused_saying_why(string text, string problem)
    {
        Assert.False(NetworkRange.TryParse(text, out var range, out var reason));
        Assert.Equal(problem, reason);
        Assert.Equal(default, range);
        Assert.Throws<FormatException>(() => NetworkRange.Parse(text));
    }

    [Fact]
    public void An_empty_range_contains_nothing() =>
        Assert.False(default(NetworkRange).Contains(IPAddress.Loopback));
}

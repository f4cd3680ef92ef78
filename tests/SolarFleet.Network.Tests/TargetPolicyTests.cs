using System.Net;

namespace SolarFleet.Network.Tests;

public sealed class TargetPolicyTests
{
    /// <summary>A policy that lists everything: what it still refuses, it refuses whatever is listed.</summary>
    private static readonly TargetPolicy Everything = new([NetworkRange.Parse("0.0.0.0/0"), NetworkRange.Parse("::/0")]);

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0", TargetRefusal.Unspecified, "unspecified")]
    [InlineData("0.255.255.255", "0.255.255.255", TargetRefusal.Unspecified, "unspecified")]
    [InlineData("::", "::", TargetRefusal.Unspecified, "unspecified")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0", TargetRefusal.Unspecified, "unspecified")]
    [InlineData("169.254.169.254", "169.254.169.254", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("169.254.0.0", "169.254.0.0", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("169.254.255.255", "169.254.255.255", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("fe80::1", "fe80::1", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("fe80::1%2", "fe80::1", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("febf:ffff::1", "febf:ffff::1", TargetRefusal.LinkLocal, "link-local")]
    [InlineData("224.0.0.1", "224.0.0.1", TargetRefusal.Multicast, "multicast")]
    [InlineData("239.255.255.255", "239.255.255.255", TargetRefusal.Multicast, "multicast")]
    [InlineData("::ffff:224.0.0.251", "224.0.0.251", TargetRefusal.Multicast, "multicast")]
    [InlineData("ff02::1", "ff02::1", TargetRefusal.Multicast, "multicast")]
    [InlineData("ff00::", "ff00::", TargetRefusal.Multicast, "multicast")]
    [InlineData("255.255.255.255", "255.255.255.255", TargetRefusal.Broadcast, "broadcast")]
    [InlineData("::ffff:255.255.255.255", "255.255.255.255", TargetRefusal.Broadcast, "broadcast")]
    [InlineData("::169.254.169.254", "::169.254.169.254", TargetRefusal.LinkLocal, "embeds 169.254.169.254, link-local")]
    [InlineData("::ffff:0:169.254.169.254", "::ffff:0:169.254.169.254", TargetRefusal.LinkLocal, "embeds 169.254.169.254, link-local")]
    [InlineData("64:ff9b::169.254.169.254", "64:ff9b::a9fe:a9fe", TargetRefusal.LinkLocal, "embeds 169.254.169.254, link-local")]
    [InlineData("64:ff9b::224.0.0.1", "64:ff9b::e000:1", TargetRefusal.Multicast, "embeds 224.0.0.1, multicast")]
    [InlineData("64:ff9b::255.255.255.255", "64:ff9b::ffff:ffff", TargetRefusal.Broadcast, "embeds 255.255.255.255, broadcast")]
    [InlineData("::0.0.0.2", "::2", TargetRefusal.Unspecified, "embeds 0.0.0.2, unspecified")]
    public void Unspecified_link_local_multicast_and_broadcast_are_refused_whatever_is_listed(
        string address, string canonical, TargetRefusal refusal, string reason)
    {
        var verdict = Everything.Check(IPAddress.Parse(address));

        Assert.Equal(refusal, verdict.Refusal);
        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(canonical, verdict.Address.ToString());
        Assert.False(verdict.IsAllowed);
        Assert.Equal($"{canonical} ({reason})", verdict.ToString());
    }

    [Theory]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("240.0.0.0")]
    [InlineData("255.255.255.254")]
    [InlineData("1.0.0.0")]
    [InlineData("fec0::1")]
    [InlineData("fe7f:ffff::1")]
    [InlineData("feff::1")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::10.0.0.5")]
    [InlineData("2001:db8::1")]
    public void Neighbours_of_the_refused_classes_are_ordinary_addresses_a_list_may_allow(string address) =>
        Assert.True(Everything.Check(IPAddress.Parse(address)).IsAllowed);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("::ffff:192.168.1.20")]
    [InlineData("::ffff:127.0.0.1")]
    public void The_default_allows_loopback_and_the_private_ranges(string address)
    {
        var verdict = TargetPolicy.Default.Check(IPAddress.Parse(address));

        Assert.True(verdict.IsAllowed);
        Assert.Equal(string.Empty, verdict.Reason);
        Assert.Equal(TargetRefusal.None, verdict.Refusal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("11.0.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.169.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("240.0.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::127.0.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:db8::1")]
    [InlineData("fec0::1")]
    [InlineData("64:ff9b::808:808")]
    public void The_default_refuses_public_and_other_unlisted_addresses_naming_the_list(string address)
    {
        var verdict = TargetPolicy.Default.Check(IPAddress.Parse(address));

        Assert.Equal(TargetRefusal.NotListed, verdict.Refusal);
        Assert.Equal("not in the allowed networks", verdict.Reason);
    }

    [Fact]
    public void The_default_list_is_loopback_and_the_private_ranges()
    {
        Assert.Equal(
            ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"],
            TargetPolicy.DefaultAllowedNetworks.Select(n => n.ToString()));
        Assert.Equal(TargetPolicy.DefaultAllowedNetworks, TargetPolicy.Default.AllowedNetworks);
    }

    [Fact]
    public void Only_what_is_listed_is_allowed_and_a_refusal_names_the_list()
    {
        var policy = new TargetPolicy([NetworkRange.Parse("10.8.0.0/16")], "SolarFleet:Polling:AllowedNetworks");

        Assert.True(policy.Check(IPAddress.Parse("10.8.3.4")).IsAllowed);
        Assert.Equal("10.9.0.1 (not in SolarFleet:Polling:AllowedNetworks)", policy.Check(IPAddress.Parse("10.9.0.1")).ToString());
        Assert.Equal("127.0.0.1 (not in SolarFleet:Polling:AllowedNetworks)", policy.Check(IPAddress.Loopback).ToString());
        Assert.Equal("::1 (not in SolarFleet:Polling:AllowedNetworks)", policy.Check(IPAddress.IPv6Loopback).ToString());
    }

    [Fact]
    public void An_empty_list_allows_nothing()
    {
        var policy = new TargetPolicy([]);

        Assert.Equal(TargetRefusal.NotListed, policy.Check(IPAddress.Loopback).Refusal);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("0X7F000001")]
    [InlineData("017700000001")]
    [InlineData("0177.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.1")]
    [InlineData("127.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:7f00:1")]
    [InlineData("[::ffff:7f00:1]")]
    public void Every_notation_of_an_address_is_judged_as_the_address_it_is(string host)
    {
        var loopbackOnly = new TargetPolicy([NetworkRange.Parse("127.0.0.0/8")]);
        var tenOnly = new TargetPolicy([NetworkRange.Parse("10.0.0.0/8")]);

        Assert.Equal(IPAddress.Loopback, loopbackOnly.CheckHost(host)?.Address);
        Assert.True(loopbackOnly.CheckHost(host)?.IsAllowed);
        Assert.Equal("127.0.0.1 (not in the allowed networks)", tenOnly.CheckHost(host)?.ToString());
    }

    [Theory]
    [InlineData("2852039166", "169.254.169.254")]
    [InlineData("0xa9fea9fe", "169.254.169.254")]
    [InlineData("0251.0376.0251.0376", "169.254.169.254")]
    [InlineData("169.254.43518", "169.254.169.254")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("4294967295", "255.255.255.255")]
    [InlineData("3758096385", "224.0.0.1")]
    [InlineData("[fe80::1]:80", "fe80::1")]
    public void Disguised_always_refused_addresses_are_refused_in_canonical_form(string host, string canonical)
    {
        var verdict = Everything.CheckHost(host);

        Assert.False(verdict?.IsAllowed);
        Assert.Equal(canonical, verdict?.Address.ToString());
    }

    [Theory]
    [InlineData("pi-garage.home.lan")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("08")]
    [InlineData("4294967296")]
    public void A_host_name_is_not_judged_until_it_is_resolved(string host) =>
        Assert.Null(TargetPolicy.Default.CheckHost(host));

    [Fact]
    public void Screening_keeps_the_allowed_addresses_in_resolver_order_canonical_and_names_the_refused()
    {
        IPAddress[] resolved =
        [
            IPAddress.Parse("169.254.169.254"), IPAddress.Parse("::ffff:10.0.0.7"), IPAddress.Parse("8.8.8.8"), IPAddress.Parse("fd00::7"),
        ];

        var target = TargetPolicy.Default.Screen("pi.example", resolved);

        Assert.Equal([IPAddress.Parse("10.0.0.7"), IPAddress.Parse("fd00::7")], target.Allowed);
        Assert.Equal([TargetRefusal.LinkLocal, TargetRefusal.NotListed], target.Refused.Select(v => v.Refusal));
        Assert.Equal("pi.example, which resolves to 169.254.169.254 (link-local) and 8.8.8.8 (not in the allowed networks)", target.ToString());
    }

    [Theory]
    [InlineData(0, "pi.example")]
    [InlineData(1, "pi.example, which resolves to 224.0.0.1 (multicast)")]
    [InlineData(3, "pi.example, which resolves to 224.0.0.1 (multicast), 224.0.0.2 (multicast) and 224.0.0.3 (multicast)")]
    [InlineData(5, "pi.example, which resolves to 224.0.0.1 (multicast), 224.0.0.2 (multicast), 224.0.0.3 (multicast) and 2 more")]
    public void A_screened_name_names_at_most_three_refused_addresses(int refused, string text)
    {
        var resolved = Enumerable.Range(1, refused).Select(i => IPAddress.Parse($"224.0.0.{i}")).ToArray();

        Assert.Equal(text, TargetPolicy.Default.Screen("pi.example", resolved).ToString());
    }
}

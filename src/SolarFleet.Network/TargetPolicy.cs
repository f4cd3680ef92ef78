using System.Net;
using System.Net.Sockets;

namespace SolarFleet.Network;

/// <summary>
/// Which addresses SolarFleet may connect out to. Free of any host or transport, so the poller and anything else that
/// connects on a user's say-so (webhooks) judge targets the same way.
/// <para>
/// Contract of <see cref="Check"/>: the address is first put in canonical form (<see cref="TargetAddress.Normalize"/>:
/// an IPv4-mapped IPv6 address is judged as the IPv4 address it reaches). Then, whatever is listed, it is refused when it
/// is unspecified (0.0.0.0/8, <c>::</c>), link-local (169.254.0.0/16, fe80::/10: cloud metadata services),
/// multicast (224.0.0.0/4, ff00::/8) or the broadcast address 255.255.255.255, and also when it is an IPv6 address
/// embedding an IPv4 address of one of those classes in its last 32 bits (IPv4-compatible <c>::a.b.c.d</c>,
/// IPv4-translated <c>::ffff:0:a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>). Any other address is allowed exactly when
/// one of <see cref="AllowedNetworks"/> contains it.
/// </para>
/// <para>
/// Host names are not judged here: they are resolved when a connection is made, and every address they resolve to is
/// judged then (<see cref="Screen"/>), so that DNS cannot lead around the policy.
/// </para>
/// </summary>
public sealed class TargetPolicy
{
    /// <summary>How a refusal names the list when its owner does not say (the poller names its setting).</summary>
    public const string DefaultListName = "the allowed networks";

    // Last 32 bits of these IPv6 prefixes are an IPv4 address that packets may end up at.
    private static readonly UInt128 Ipv4TranslatedPrefix = 0xffff_0000;
    private static readonly UInt128 Nat64Prefix = new(0x0064_ff9b, 0);

    private readonly NetworkRange[] _allowed;
    private readonly string _notListed;

    /// <param name="allowedNetworks">Networks outside the always-refused classes that may be targets.</param>
    /// <param name="listName">How refusals name the list, e.g. the setting it comes from.</param>
    public TargetPolicy(IEnumerable<NetworkRange> allowedNetworks, string listName = DefaultListName)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        ArgumentException.ThrowIfNullOrWhiteSpace(listName);
        _allowed = [.. allowedNetworks];
        if (Array.Exists(_allowed, r => r.Network is null))
        {
            throw new ArgumentException("An allowed network is empty (default).", nameof(allowedNetworks));
        }

        _notListed = "not in " + listName;
        AllowedNetworks = Array.AsReadOnly(_allowed);
        ListName = listName;
    }

    /// <summary>
    /// Loopback and the private ranges: 127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16,
    /// 100.64.0.0/10 (shared address space, used by VPN overlays) and fc00::/7 (unique local).
    /// </summary>
    public static IReadOnlyList<NetworkRange> DefaultAllowedNetworks { get; } = Array.AsReadOnly(Array.ConvertAll(
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"],
        NetworkRange.Parse));

    /// <summary>A policy of <see cref="DefaultAllowedNetworks"/>.</summary>
    public static TargetPolicy Default { get; } = new(DefaultAllowedNetworks);

    public IReadOnlyList<NetworkRange> AllowedNetworks { get; }

    public string ListName { get; }

    /// <summary>
    /// Judges one address (see the class contract). For an address already canonical it allocates nothing, except the
    /// words of an embedded IPv4 refusal.
    /// </summary>
    public AddressVerdict Check(IPAddress address)
    {
        var target = TargetAddress.Normalize(address);
        var value = TargetAddress.ToNumber(target);
        var always = target.AddressFamily == AddressFamily.InterNetwork ? ClassifyIpv4((uint)value) : ClassifyIpv6(value);
        if (always != TargetRefusal.None)
        {
            return new AddressVerdict(target, always, ReasonOf(always));
        }

        var embedded = EmbeddedIpv4(target.AddressFamily, value);
        var inner = embedded is { } ipv4 ? ClassifyIpv4(ipv4) : TargetRefusal.None;
        if (inner != TargetRefusal.None)
        {
            return new AddressVerdict(target, inner, $"embeds {TargetAddress.FromNumber(embedded!.Value, AddressFamily.InterNetwork)}, {ReasonOf(inner)}");
        }

        foreach (var range in _allowed)
        {
            if (range.Contains(target.AddressFamily, value))
            {
                return new AddressVerdict(target, TargetRefusal.None, string.Empty);
            }
        }

        return new AddressVerdict(target, TargetRefusal.NotListed, _notListed);
    }

    /// <summary>
    /// Judges a host as written: the verdict on it when it is an IP address in any notation
    /// (<see cref="TargetAddress.TryParse"/>), null when it is a name, whose addresses are judged once resolved.
    /// </summary>
    public AddressVerdict? CheckHost(string host) => TargetAddress.TryParse(host, out var address) ? Check(address) : null;

    /// <summary>Sorts the addresses <paramref name="host"/> resolved to into those it may connect to and those it may not.</summary>
    public ResolvedTarget Screen(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var allowed = new List<IPAddress>(addresses.Count);
        List<AddressVerdict>? refused = null;
        foreach (var address in addresses)
        {
            var verdict = Check(address);
            if (verdict.IsAllowed)
            {
                allowed.Add(verdict.Address);
            }
            else
            {
                (refused ??= []).Add(verdict);
            }
        }

        return new ResolvedTarget(host, allowed, refused ?? []);
    }

    private static TargetRefusal ClassifyIpv4(uint value) => value switch
    {
        _ when value >> 24 == 0 => TargetRefusal.Unspecified,
        _ when value >> 16 == 0xA9FE => TargetRefusal.LinkLocal,
        _ when value >> 28 == 0xE => TargetRefusal.Multicast,
        uint.MaxValue => TargetRefusal.Broadcast,
        _ => TargetRefusal.None,
    };

    private static TargetRefusal ClassifyIpv6(UInt128 value) => value switch
    {
        _ when value == UInt128.Zero => TargetRefusal.Unspecified,
        _ when value >> 118 == 0b11_1111_1010 => TargetRefusal.LinkLocal,
        _ when value >> 120 == 0xFF => TargetRefusal.Multicast,
        _ => TargetRefusal.None,
    };

    /// <summary>The IPv4 address in the last 32 bits of an IPv6 address whose prefix says packets may reach it.</summary>
    private static uint? EmbeddedIpv4(AddressFamily family, UInt128 value)
    {
        if (family != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var prefix = value >> 32;
        var compatible = prefix == UInt128.Zero && value > UInt128.One;
        return compatible || prefix == Ipv4TranslatedPrefix || prefix == Nat64Prefix ? (uint)value : null;
    }

    private string ReasonOf(TargetRefusal refusal) => refusal switch
    {
        TargetRefusal.Unspecified => "unspecified",
        TargetRefusal.LinkLocal => "link-local",
        TargetRefusal.Multicast => "multicast",
        TargetRefusal.Broadcast => "broadcast",
        _ => _notListed,
    };
}

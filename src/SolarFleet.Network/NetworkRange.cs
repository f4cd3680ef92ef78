using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SolarFleet.Network;

/// <summary>
/// A network in CIDR notation (<c>10.0.0.0/8</c>, <c>fc00::/7</c>). Parsing is strict, because a range that means
/// something other than what its writer thought is a hole in a policy: IPv4 is four decimal numbers (no <c>10/8</c>,
/// no octal-looking <c>010.0.0.0</c>), no bits may be set after the prefix, IPv6 has no zone or brackets, and
/// IPv4-mapped IPv6 is written as IPv4 (addresses are judged in IPv4 form). A bare address is the network of that
/// address alone.
/// </summary>
public readonly record struct NetworkRange
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private NetworkRange(IPAddress network, int prefixLength, UInt128 value, UInt128 mask)
    {
        Network = network;
        PrefixLength = prefixLength;
        _network = value;
        _mask = mask;
    }

    /// <summary>The first address of the network.</summary>
    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public AddressFamily AddressFamily => Network?.AddressFamily ?? AddressFamily.Unspecified;

    /// <summary>
    /// Whether <paramref name="address"/> is in this network. The address is taken as it is (an IPv4-mapped IPv6
    /// address is IPv6 here): callers judge canonical addresses (<see cref="TargetAddress.Normalize"/>).
    /// </summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Contains(address.AddressFamily, TargetAddress.ToNumber(address));
    }

    /// <summary>As <see cref="Contains(IPAddress)"/>, for an address already made a number (<see cref="TargetAddress.ToNumber"/>).</summary>
    internal bool Contains(AddressFamily family, UInt128 address) =>
        Network is not null && family == Network.AddressFamily && (address & _mask) == _network;

    /// <exception cref="FormatException"><paramref name="text"/> is not a network in CIDR notation.</exception>
    public static NetworkRange Parse(string text) =>
        TryParse(text, out var range, out var problem) ? range : throw new FormatException($"'{text}' is not a network in CIDR notation: {problem}.");

    /// <summary>Parses CIDR notation; <paramref name="problem"/> says what is wrong otherwise ("the prefix length is not a number").</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out NetworkRange range, [NotNullWhen(false)] out string? problem)
    {
        range = default;
        problem = Parse(text?.Trim() ?? string.Empty, out range);
        return problem is null;
    }

    public override string ToString() => Network is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");

    private static string? Parse(string text, out NetworkRange range)
    {
        range = default;
        if (text.Length == 0)
        {
            return "it is empty";
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        var ipv6 = addressText.Contains(':', StringComparison.Ordinal);
        if (addressText.AsSpan().IndexOfAny('%', '[', ']') >= 0 || !IPAddress.TryParse(addressText, out var address))
        {
            return "not an IP address";
        }

        if (!ipv6 && address.ToString() != addressText)
        {
            return "write an IPv4 address as four decimal numbers (a.b.c.d)";
        }

        var bits = TargetAddress.BitsOf(address.AddressFamily);
        var prefixLength = bits;
        if (slash >= 0 && !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength))
        {
            return "the prefix length is not a number";
        }

        if (prefixLength > bits)
        {
            return string.Create(CultureInfo.InvariantCulture, $"an {(ipv6 ? "IPv6" : "IPv4")} prefix length is 0-{bits}");
        }

        var mask = Ones(bits) ^ Ones(bits - prefixLength);
        var value = TargetAddress.ToNumber(address);
        if ((value & mask) != value)
        {
            var network = TargetAddress.FromNumber(value & mask, address.AddressFamily);
            return string.Create(CultureInfo.InvariantCulture, $"bits are set after the prefix (the network is {network}/{prefixLength})");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return prefixLength >= 96
                ? string.Create(CultureInfo.InvariantCulture, $"write an IPv4-mapped network as IPv4 ({address.MapToIPv4()}/{prefixLength - 96})")
                : "write an IPv4-mapped network as IPv4";
        }

        range = new NetworkRange(address, prefixLength, value, mask);
        return null;
    }

    private static UInt128 Ones(int count) => count >= 128 ? UInt128.MaxValue : (UInt128.One << count) - 1;
}

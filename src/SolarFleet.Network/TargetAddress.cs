using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace SolarFleet.Network;

/// <summary>
/// Host text to address, the one way every SolarFleet component reads it, so the form a policy judges is the form a
/// socket connects to.
/// </summary>
public static class TargetAddress
{
    /// <summary>
    /// Reads <paramref name="host"/> as an IP address if it is one, in any notation .NET accepts (and so any a socket
    /// would connect to): IPv4 as one integer (<c>2130706433</c>), in hex (<c>0x7f000001</c>), with octal-looking parts
    /// (<c>0177.0.0.1</c>) or short (<c>127.1</c>); IPv6 with or without brackets, zone or port. The address comes back
    /// in canonical form (<see cref="Normalize"/>). A host name is not an address: false.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? host, [NotNullWhen(true)] out IPAddress? address)
    {
        if (host is not null && IPAddress.TryParse(host, out var parsed))
        {
            address = Normalize(parsed);
            return true;
        }

        address = null;
        return false;
    }

    /// <summary>
    /// The canonical form of an address: an IPv4-mapped IPv6 address (<c>::ffff:10.0.0.5</c>) becomes the IPv4 address
    /// a socket reaches through it (<c>10.0.0.5</c>), and an IPv6 zone (<c>%eth0</c>) is dropped. Other addresses come
    /// back as they are (the same instance).
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    /// <summary>An IPv4 address as a number, an IPv6 one as a 128-bit number (big-endian, as written).</summary>
    internal static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The address of a number made by <see cref="ToNumber"/>.</summary>
    internal static IPAddress FromNumber(UInt128 value, AddressFamily family)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    internal static int BitsOf(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;
}

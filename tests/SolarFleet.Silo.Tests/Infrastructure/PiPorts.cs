using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>
/// Ports for Pis the tests run: above this host's ephemeral range (read from /proc), so no outgoing connection of
/// anything on the machine can hold a Pi's port, and inside the Pi range (49152-65535).
/// </summary>
public static class PiPorts
{
    private const int MaxPort = 65535;

    /// <summary>A listening socket on 127.0.0.1 at a free port above the ephemeral range.</summary>
    public static Socket Listen() => Bind(static s => s.Listen(16));

    /// <summary>
    /// A socket bound to <paramref name="address"/> (127.0.0.1 unless said) at a free port above the ephemeral range,
    /// then readied by <paramref name="prepare"/> (listen, or nothing for a port where nothing listens).
    /// </summary>
    public static Socket Bind(Action<Socket> prepare, IPAddress? address = null)
    {
        var first = FirstAboveEphemeral();
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, Random.Shared.Next(first, MaxPort + 1)));
                prepare(socket);
                return socket;
            }
            catch (SocketException) when (attempt < 200)
            {
                socket.Dispose();
            }
        }
    }

    private static int FirstAboveEphemeral()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var fields = File.Exists(RangeFile)
            ? File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : [];
        return fields.Length == 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last < MaxPort - 100
            ? Math.Max(49152, last + 1)
            : 49152;
    }
}

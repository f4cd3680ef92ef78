using System.Net;
using System.Net.Sockets;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Protocol.Tests.Peers;

/// <summary>
/// Ports for Pis the tests run: inside the Pi range (49152-65535) and above this host's ephemeral range (read from
/// /proc), so no outgoing connection of anything on the machine can hold a Pi's port.
/// </summary>
public static class PiPortRange
{
    /// <summary>The lowest port a test Pi binds.</summary>
    public static int First { get; } = EphemeralPorts.FirstPiPortAbove();

    /// <summary>Binds a socket to 127.0.0.1 at a random free port of the range, retrying on conflicts.</summary>
    public static Socket Bind(Action<Socket> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, Random.Shared.Next(First, PiEndpoint.MaxPort + 1)));
                prepare(socket);
                return socket;
            }
            catch (SocketException) when (attempt < 200)
            {
                socket.Dispose();
            }
        }
    }
}

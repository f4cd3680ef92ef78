using System.Net.Sockets;

namespace SolarFleet.Simulator.Server;

internal static class SocketResets
{
    /// <summary>Closes with SO_LINGER 0, so the peer gets a reset (RST) rather than an orderly end of stream.</summary>
    public static void LingerZeroThenClose(this Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}

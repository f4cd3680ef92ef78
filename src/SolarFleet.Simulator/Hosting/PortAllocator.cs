using System.Net;
using System.Net.Sockets;
using SolarFleet.Protocol.Polling;
using SolarFleet.Simulator.Server;

namespace SolarFleet.Simulator.Hosting;

/// <summary>
/// Claims listening sockets for the Pis: consecutive ports from a base, or free ones found by probing (above the host's
/// ephemeral range first). Only Pi ports (49152-65535) are used; past 65535 a loopback host continues on the next address.
/// </summary>
internal static class PortAllocator
{
    public static List<Socket> Bind(string host, int basePort, int count, CancellationToken cancellationToken)
    {
        var address = ParseHost(host);
        var sockets = new List<Socket>(count);
        try
        {
            if (basePort == 0)
            {
                BindFree(address, count, sockets, cancellationToken);
            }
            else
            {
                BindConsecutive(address, basePort, count, sockets, cancellationToken);
            }

            return sockets;
        }
        catch
        {
            sockets.ForEach(socket => socket.Dispose());
            throw;
        }
    }

    private static void BindConsecutive(IPAddress address, int basePort, int count, List<Socket> sockets, CancellationToken cancellationToken)
    {
        var port = basePort;
        while (sockets.Count < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (port > PiEndpoint.MaxPort)
            {
                address = NextAddress(address, count);
                port = basePort;
            }

            var endPoint = new IPEndPoint(address, port);
            try
            {
                sockets.Add(PiListener.Bind(endPoint));
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"Cannot listen on {endPoint}: {e.Message}", e);
            }

            port++;
        }
    }

    private static void BindFree(IPAddress address, int count, List<Socket> sockets, CancellationToken cancellationToken)
    {
        var preferred = EphemeralPorts.FirstPiPortAbove();
        while (sockets.Count < count)
        {
            foreach (var port in FreeOrder(preferred))
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    sockets.Add(PiListener.Bind(new IPEndPoint(address, port)));
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
                {
                    // Taken by someone else: try the next one.
                }

                if (sockets.Count == count)
                {
                    return;
                }
            }

            address = NextAddress(address, count);
        }
    }

    // Every Pi port once: first those above the host's ephemeral range, where no outgoing connection of anything on
    // the machine can hold a Pi's port, then the rest. A random start in each keeps concurrent processes apart.
    private static IEnumerable<int> FreeOrder(int preferred)
    {
        foreach (var (first, last) in new[] { (preferred, PiEndpoint.MaxPort), (PiEndpoint.MinPort, preferred - 1) })
        {
            if (first > last)
            {
                continue;
            }

            var size = last - first + 1;
            var start = Random.Shared.Next(size);
            for (var i = 0; i < size; i++)
            {
                yield return first + ((start + i) % size);
            }
        }
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new ArgumentException($"Host '{host}' is not an IP address.", nameof(host));
    }

    private static IPAddress NextAddress(IPAddress address, int count)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily != AddressFamily.InterNetwork || bytes[0] != 127 || bytes[3] == 255)
        {
            throw new InvalidOperationException(
                $"{count} Pis do not fit in the {PiEndpoint.MaxPort - PiEndpoint.MinPort + 1} Pi ports of {address}; only a 127.x.y.z loopback host spills over to the next address.");
        }

        bytes[3]++;
        return new IPAddress(bytes);
    }
}

using System.Net;
using System.Net.Sockets;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Postgres.Tests.Infrastructure;

/// <summary>
/// Ports for servers that tests and benchmarks start (PostgreSQL, silos, Prometheus), below the host's ephemeral
/// range. Inside it, a port could be taken between its choice and the server's bind by an outgoing connection, or be
/// held in TIME_WAIT by one (a large benchmark run leaves tens of thousands); above it, the simulated Pis listen.
/// </summary>
public static class LoopbackPort
{
    private const int Lowest = 20_000;
    private static readonly int End = EphemeralStart();

    // A random start per process: test processes running side by side rarely probe the same ports.
    private static int _next = Lowest + Random.Shared.Next(0, End - Lowest);

    /// <summary>A port nothing listens on, on any address, right now; each call a different one.</summary>
    public static int Free()
    {
        for (var tried = 0; tried < End - Lowest; tried++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port >= End)
            {
                Interlocked.CompareExchange(ref _next, Lowest, port);
                continue;
            }

            try
            {
                using var probe = new TcpListener(IPAddress.Any, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: the next one.
            }
        }

        throw new InvalidOperationException($"No free port in {Lowest}-{End - 1}.");
    }

    /// <summary>The first port of the ephemeral range (Linux), or the usual 32768 where it cannot be read.</summary>
    private static int EphemeralStart() =>
        EphemeralPorts.Range() is { First: var first } && first > Lowest + 1_000 ? first : 32_768;
}

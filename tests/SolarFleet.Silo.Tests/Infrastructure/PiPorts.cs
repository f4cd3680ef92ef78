using System.Net.Sockets;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>Ports for Pis the tests run: above this host's ephemeral range and inside the Pi range (<see cref="PiPortRange"/>).</summary>
public static class PiPorts
{
    /// <summary>A listening socket on 127.0.0.1 at a free port above the ephemeral range.</summary>
    public static Socket Listen() => PiPortRange.Bind(static s => s.Listen(16));
}

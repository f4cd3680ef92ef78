using System.Net;

namespace SolarFleet.Network;

/// <summary>Turns a host name into addresses; injectable so that tests never need DNS.</summary>
public interface IHostResolver
{
    /// <summary>
    /// The addresses of <paramref name="host"/>, in the order to try them. An unknown name may come back empty or throw
    /// a <see cref="System.Net.Sockets.SocketException"/> (<c>HostNotFound</c>), as DNS does.
    /// </summary>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

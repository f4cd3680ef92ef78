using System.Net;
using System.Net.Sockets;
using SolarFleet.Network;

namespace SolarFleet.Webhooks.Http;

/// <summary>
/// Opens the TCP connections of webhook requests (the <see cref="SocketsHttpHandler.ConnectCallback"/>): an address
/// host is judged by the <see cref="TargetPolicy"/> as written; a name is resolved here, at every new connection, and
/// only the addresses the policy allows are tried, in the resolver's order. So DNS cannot lead a webhook where the
/// policy does not let SolarFleet connect, and when it allows none, no socket is opened at all.
/// </summary>
internal sealed class PolicyConnector
{
    private readonly TargetPolicy policy;
    private readonly IHostResolver resolver;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect;

    /// <param name="connect">Opens one connection to an allowed address (a socket unless a test says otherwise).</param>
    public PolicyConnector(TargetPolicy policy, IHostResolver resolver, Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolver);
        this.policy = policy;
        this.resolver = resolver;
        this.connect = connect ?? ConnectSocketAsync;
    }

    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint, cancellationToken);

    /// <exception cref="WebhookTargetRefusedException">The policy allows none of the host's addresses.</exception>
    /// <exception cref="SocketException">The name is unknown, or no allowed address took the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IReadOnlyList<IPAddress> allowed;
        if (TargetAddress.TryParse(endpoint.Host, out var literal))
        {
            var verdict = policy.Check(literal);
            allowed = verdict.IsAllowed ? [verdict.Address] : throw new WebhookTargetRefusedException($"the policy does not allow sending to {verdict}");
        }
        else
        {
            var target = policy.Screen(endpoint.Host, await ResolveAsync(endpoint.Host, cancellationToken));
            allowed = target.Allowed.Count > 0 ? target.Allowed : throw new WebhookTargetRefusedException($"the policy does not allow sending to {target}");
        }

        for (var i = 0; ; i++)
        {
            try
            {
                return await connect(new IPEndPoint(allowed[i], endpoint.Port), cancellationToken);
            }
            catch (SocketException) when (i < allowed.Count - 1)
            {
                // The next address may answer.
            }
        }
    }

    private async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (ArgumentException)
        {
            addresses = [];
        }

        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

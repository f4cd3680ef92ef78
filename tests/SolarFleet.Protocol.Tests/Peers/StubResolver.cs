using System.Net;
using SolarFleet.Network;

namespace SolarFleet.Protocol.Tests.Peers;

/// <summary>A resolver the test answers for, so that no test needs DNS.</summary>
public sealed class StubResolver(Func<string, CancellationToken, ValueTask<IPAddress[]>> resolve) : IHostResolver
{
    /// <summary>Every name resolves to <paramref name="addresses"/>.</summary>
    public static StubResolver Answering(params IPAddress[] addresses) => new((_, _) => ValueTask.FromResult(addresses));

    /// <summary>A resolver that fails the test if it is asked at all (literal addresses need no resolving).</summary>
    public static StubResolver Unused { get; } = new((host, _) => throw new InvalidOperationException($"'{host}' was resolved."));

    public int Calls { get; private set; }

    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Calls++;
        return resolve(host, cancellationToken);
    }
}

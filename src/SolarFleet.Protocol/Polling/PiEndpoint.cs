namespace SolarFleet.Protocol.Polling;

/// <summary>Where a Pi listens. The Pi app only accepts ports in the IANA dynamic range.</summary>
public sealed record PiEndpoint
{
    public const int MinPort = 49152;
    public const int MaxPort = 65535;

    public PiEndpoint(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (port is < MinPort or > MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"A Pi port must be in {MinPort}-{MaxPort}.");
        }

        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

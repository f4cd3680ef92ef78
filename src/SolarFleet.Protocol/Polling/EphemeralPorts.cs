using System.Globalization;

namespace SolarFleet.Protocol.Polling;

/// <summary>
/// The host's ephemeral port range, from which outgoing connections take their local ports: a Pi listening inside it
/// on this host could find its port held by one.
/// </summary>
public static class EphemeralPorts
{
    private const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>The range's first and last port (Linux), or null where it cannot be read.</summary>
    public static (int First, int Last)? Range()
    {
        try
        {
            var fields = File.Exists(RangeFile)
                ? File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                : [];
            return fields.Length == 2
                && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                ? (first, last)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first Pi port above the ephemeral range (Linux), or <see cref="PiEndpoint.MinPort"/> where the range is
    /// unknown or leaves fewer than a hundred Pi ports above it.
    /// </summary>
    public static int FirstPiPortAbove() =>
        Range() is { Last: var last } && last < PiEndpoint.MaxPort - 100 ? Math.Max(PiEndpoint.MinPort, last + 1) : PiEndpoint.MinPort;
}

using System.Globalization;
using System.Net;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>The TCP endpoints a process listens on, read from Linux's /proc (its socket inodes, matched in /proc/net/tcp and tcp6).</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        var listening = new List<IPEndPoint>();
        foreach (var table in new[] { $"/proc/{processId}/net/tcp", $"/proc/{processId}/net/tcp6" })
        {
            // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listen && inodes.Contains(fields[9]))
                {
                    listening.Add(ParseEndpoint(fields[1]));
                }
            }
        }

        return listening;
    }

    /// <summary>"0100007F:1F90" is 127.0.0.1:8080: the address in 32-bit words of host (little-endian) order, the port in hex.</summary>
    private static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hex = Convert.FromHexString(text[..colon]);
        for (var word = 0; word < hex.Length; word += 4)
        {
            Array.Reverse(hex, word, 4);
        }

        return new IPEndPoint(new IPAddress(hex), int.Parse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}

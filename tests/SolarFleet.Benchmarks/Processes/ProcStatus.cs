using System.Globalization;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>Reads /proc/&lt;pid&gt;/status fields.</summary>
public static class ProcStatus
{
    /// <summary>A "Name:   1234 kB" field of /proc/pid/status, in kB; 0 when absent.</summary>
    public static long ReadKilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim();
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

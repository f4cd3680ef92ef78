using System.Globalization;

namespace SolarFleet.Benchmarks.Processes;

/// <summary>One simulated Pi's counters: connections accepted, most connections served at once, energy produced today (Wh).</summary>
public readonly record struct PiStats(long Connections, int MaxConcurrent, long EnergyTodayWh)
{
    /// <summary>Reads a simulator's <c>stats: C/M/E C/M/E ...</c> answer, one triple per Pi in order.</summary>
    public static IEnumerable<PiStats> ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var triple in line["stats:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = triple.Split('/');
            if (parts.Length != 3)
            {
                throw new FormatException($"Not a Pi's stats: '{triple}'.");
            }

            yield return new PiStats(
                long.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
    }
}

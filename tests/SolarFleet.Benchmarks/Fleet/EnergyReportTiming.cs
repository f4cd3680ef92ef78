using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// The fleet's energy report for today (<c>GET /api/fleet/energy</c>, one row per site), asked for once after the window
/// as a billing tool would, the fleet still polling: how long the whole report takes, and what it holds.
/// </summary>
public sealed record EnergyReportTiming(double Seconds, int Rows, int SitesWithEnergy, long EnergyWh, long Bytes)
{
    public static async Task<EnergyReportTiming> MeasureAsync(HttpClient api, DateOnly today, CancellationToken cancellationToken)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        var body = await api.GetByteArrayAsync(new Uri($"/api/fleet/energy?from={day}&to={day}&interval=day", UriKind.Relative), cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var rows = JsonDocument.Parse(body);
        var count = 0;
        var withEnergy = 0;
        long energy = 0;
        foreach (var row in rows.RootElement.EnumerateArray())
        {
            count++;
            if (row.GetProperty("energyWh") is { ValueKind: JsonValueKind.Number } wh && wh.GetInt64() > 0)
            {
                withEnergy++;
                energy += wh.GetInt64();
            }
        }

        return new EnergyReportTiming(seconds, count, withEnergy, energy, body.LongLength);
    }
}

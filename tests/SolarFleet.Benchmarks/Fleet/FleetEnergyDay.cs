using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// One day of the fleet's energy report as the API answers it (<c>GET /api/fleet/energy</c>, one row per site): each
/// site's energy where the row has one, the rows, the body's size and how long the whole body took.
/// </summary>
public sealed record FleetEnergyDay(IReadOnlyDictionary<string, long> EnergyBySite, int Rows, long Bytes, double Seconds)
{
    public static async Task<FleetEnergyDay> ReadAsync(HttpClient api, DateOnly day, CancellationToken cancellationToken)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        var body = await api.GetByteArrayAsync(new Uri($"/api/fleet/energy?from={date}&to={date}&interval=day", UriKind.Relative), cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var rows = JsonDocument.Parse(body);
        var energy = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        foreach (var row in rows.RootElement.EnumerateArray())
        {
            count++;
            if (row.GetProperty("energyWh") is { ValueKind: JsonValueKind.Number } wh)
            {
                energy[row.GetProperty("siteId").GetString()!] = wh.GetInt64();
            }
        }

        return new FleetEnergyDay(energy, count, body.LongLength, seconds);
    }
}

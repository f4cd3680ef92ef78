using System.Globalization;
using System.Text.Json;
using SolarFleet.Protocol.Polling;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>Writes the PUT /api/fleet document that registers every simulated Pi, a fixed number of inverters per site.</summary>
public static class FleetDocumentWriter
{
    /// <summary>The simulator's default sites are in this zone; the silo's sites must agree for the data age to mean anything.</summary>
    public const string TimeZone = "America/Los_Angeles";

    /// <param name="timeZone">The simulated Pis' zone: the sites' local day is the one their energy counts in.</param>
    public static byte[] Write(IReadOnlyList<PiEndpoint> pis, int invertersPerSite, int pollSeconds, string timeZone = TimeZone)
    {
        ArgumentNullException.ThrowIfNull(pis);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("sites");
            for (var first = 0; first < pis.Count; first += invertersPerSite)
            {
                var site = SiteId(first / invertersPerSite);
                json.WriteStartObject();
                json.WriteString("id", site);
                json.WriteString("name", site);
                json.WriteString("timeZone", timeZone);
                json.WriteStartArray("inverters");
                for (var i = first; i < Math.Min(first + invertersPerSite, pis.Count); i++)
                {
                    json.WriteStartObject();
                    json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"inv-{i - first:00}"));
                    json.WriteString("host", pis[i].Host);
                    json.WriteNumber("port", pis[i].Port);
                    json.WriteNumber("pollSeconds", pollSeconds);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string SiteId(int index) => string.Create(CultureInfo.InvariantCulture, $"site-{index:000000}");
}

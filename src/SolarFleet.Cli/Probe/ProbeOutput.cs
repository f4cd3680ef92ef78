using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Cli.Probe;

/// <summary>How <c>probe</c> shows a reading: an aligned table for people, one JSON object for scripts.</summary>
public static class ProbeOutput
{
    private const string PiLocalTime = "yyyy-MM-dd HH:mm:ss";
    private const string IsoLocalTime = "yyyy-MM-ddTHH:mm:ss";

    public static string Table(PiEndpoint endpoint, PiReading reading, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var width = 0;
        foreach (var query in PiQueryCatalog.All)
        {
            width = Math.Max(width, PiQueryCatalog.WireName(query).Length);
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Pi {endpoint} answered in {Milliseconds(elapsed)} ms")
            .AppendLine()
            .AppendLine();
        foreach (var query in PiQueryCatalog.All)
        {
            text.Append("  ")
                .Append(PiQueryCatalog.WireName(query).PadRight(width + 2))
                .AppendLine(reading.Unsupported.Contains(query) ? "refused (error: invalid query)" : Describe(query, reading));
        }

        var refused = string.Join(", ", PiQueryCatalog.Members(reading.Unsupported).Select(PiQueryCatalog.WireName));
        return text.AppendLine()
            .Append("Refused by this Pi: ")
            .AppendLine(refused.Length == 0 ? "none" : refused)
            .ToString();
    }

    /// <summary>One JSON object with camelCase keys; a refused quantity is null.</summary>
    public static string Json(PiReading reading, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteNumber(json, PiQuery.PowerNow, reading.PowerNowW);
            WriteNumber(json, PiQuery.PowerToday, reading.PowerTodayWh);
            WriteNumber(json, PiQuery.PowerTotal, reading.PowerTotal);
            WriteNumber(json, PiQuery.Status, reading.StatusCode);
            WriteNumber(json, PiQuery.GridV, reading.GridVoltageV);
            WriteNumber(json, PiQuery.GridHZ, reading.GridFrequencyHz);
            WriteNumber(json, PiQuery.UpTime, reading.UptimeSeconds);
            if (reading.Timestamp is { } timestamp)
            {
                json.WriteString(JsonName(PiQuery.TimeStamp), timestamp.ToString(IsoLocalTime, CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull(JsonName(PiQuery.TimeStamp));
            }

            json.WriteString("statusText", InverterStatus.Describe(reading.StatusCode));
            json.WriteStartArray("unsupported");
            foreach (var query in PiQueryCatalog.Members(reading.Unsupported))
            {
                json.WriteStringValue(PiQueryCatalog.WireName(query));
            }

            json.WriteEndArray();
            json.WriteNumber("elapsedMs", Milliseconds(elapsed));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Describe(PiQuery query, PiReading reading) => query switch
    {
        PiQuery.PowerNow => Invariant($"{reading.PowerNowW} W"),
        PiQuery.PowerToday => Invariant($"{reading.PowerTodayWh} Wh ({reading.PowerTodayWh / 1000.0:0.000} kWh)"),
        PiQuery.PowerTotal => Invariant($"{reading.PowerTotal} (lifetime, in the Pi's unit: kWh unless set up as Wh)"),
        PiQuery.Status => Invariant($"{reading.StatusCode} {InverterStatus.Describe(reading.StatusCode)}"),
        PiQuery.GridV => Invariant($"{reading.GridVoltageV} V"),
        PiQuery.GridHZ => Invariant($"{reading.GridFrequencyHz} Hz"),
        PiQuery.UpTime => Invariant($"{reading.UptimeSeconds} s ({TimeSpan.FromSeconds(reading.UptimeSeconds ?? 0):h'h 'mm'min 'ss's'})"),
        _ => Invariant($"{reading.Timestamp?.ToString(PiLocalTime, CultureInfo.InvariantCulture)} (Pi local time)"),
    };

    /// <summary>
    /// The JSON key of a quantity: its wire name in camelCase, like the other keys (GridHZ is <c>gridHz</c>). The
    /// <c>unsupported</c> list keeps the wire names, as the HTTP API's does.
    /// </summary>
    public static string JsonName(PiQuery query) => query switch
    {
        PiQuery.PowerNow => "powerNow",
        PiQuery.PowerToday => "powerToday",
        PiQuery.PowerTotal => "powerTotal",
        PiQuery.Status => "status",
        PiQuery.GridV => "gridV",
        PiQuery.GridHZ => "gridHz",
        PiQuery.UpTime => "upTime",
        PiQuery.TimeStamp => "timeStamp",
        _ => throw new ArgumentOutOfRangeException(nameof(query), query, null),
    };

    private static void WriteNumber(Utf8JsonWriter json, PiQuery query, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(JsonName(query), number);
        }
        else
        {
            json.WriteNull(JsonName(query));
        }
    }

    private static long Milliseconds(TimeSpan elapsed) => (long)Math.Round(elapsed.TotalMilliseconds);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

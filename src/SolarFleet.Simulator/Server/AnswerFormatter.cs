using System.Globalization;
using System.Text.Unicode;
using SolarFleet.Protocol.Queries;
using SolarFleet.Simulator.Inverter;

namespace SolarFleet.Simulator.Server;

/// <summary>Writes protocol answers as ASCII straight into a buffer, without allocating.</summary>
internal static class AnswerFormatter
{
    /// <summary>Room for the longest answer plus a <c>\r\n</c> terminator.</summary>
    public const int MaxAnswerBytes = 80;

    private static ReadOnlySpan<byte> InvalidQuery => "error: invalid query"u8;

    /// <summary>Bytes a firmware in a bad way might send: none of them ASCII, no newline among them.</summary>
    private static ReadOnlySpan<byte> GarbageBytes => [0xFF, 0xFE, 0x80, 0xC3, 0xB1, 0x9F, 0xA0, 0xE2, 0x82, 0xFD];

    public static int WriteInvalid(Span<byte> destination)
    {
        InvalidQuery.CopyTo(destination);
        return InvalidQuery.Length;
    }

    public static int WriteGarbage(Span<byte> destination)
    {
        GarbageBytes.CopyTo(destination);
        return GarbageBytes.Length;
    }

    public static int WriteSuccess(Span<byte> destination, PiQuery query, in InverterSnapshot reading, PowerTotalFormat totalFormat, DateTime timeStampLocal)
    {
        var name = PiQueryCatalog.WireName(query);
        var culture = CultureInfo.InvariantCulture;
        var written = query switch
        {
            PiQuery.PowerNow => Utf8.TryWrite(destination, culture, $"success: {name} {reading.PowerNowW}", out var n) ? n : 0,
            PiQuery.PowerToday => Utf8.TryWrite(destination, culture, $"success: {name} {reading.PowerTodayWh}", out var n) ? n : 0,
            PiQuery.PowerTotal when totalFormat == PowerTotalFormat.WattHours =>
                Utf8.TryWrite(destination, culture, $"success: {name} {reading.LifetimeWh}", out var n) ? n : 0,
            PiQuery.PowerTotal =>
                Utf8.TryWrite(destination, culture, $"success: {name} {reading.LifetimeWh / 1000}.{reading.LifetimeWh % 1000:D3}", out var n) ? n : 0,
            PiQuery.Status => Utf8.TryWrite(destination, culture, $"success: {name} {reading.StatusCode}", out var n) ? n : 0,
            PiQuery.GridV =>
                Utf8.TryWrite(destination, culture, $"success: {name} {reading.GridDeciVolts / 10}.{reading.GridDeciVolts % 10}", out var n) ? n : 0,
            PiQuery.GridHZ =>
                Utf8.TryWrite(destination, culture, $"success: {name} {reading.GridCentiHertz / 100}.{reading.GridCentiHertz % 100:D2}", out var n) ? n : 0,
            PiQuery.UpTime => Utf8.TryWrite(destination, culture, $"success: {name} {reading.UpTimeSeconds}", out var n) ? n : 0,
            PiQuery.TimeStamp =>
                Utf8.TryWrite(destination, culture, $"success: {name} {timeStampLocal:yyyy-MM-dd HH:mm:ss}", out var n) ? n : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(query), query, "Not a Pi query."),
        };

        return written > 0 ? written : throw new InvalidOperationException("An answer did not fit its buffer.");
    }
}

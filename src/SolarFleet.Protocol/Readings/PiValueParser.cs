using System.Globalization;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Readings;

/// <summary>
/// Parses one answer value (ASCII bytes, already trimmed) with the invariant culture and checks it
/// against <see cref="PiValueBounds"/>. Failures come back as a one-line reason, never an exception, and never
/// quoting the value.
/// </summary>
internal static class PiValueParser
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Per numeric query, in <see cref="PiQuery"/> order: integer or decimal, upper bound, unit.</summary>
    private static readonly (bool Integer, double Max, string Unit)[] Rules =
    [
        (true, PiValueBounds.MaxPowerNowW, " W"),
        (true, PiValueBounds.MaxPowerTodayWh, " Wh"),
        (false, PiValueBounds.MaxPowerTotal, string.Empty),
        (true, PiValueBounds.MaxStatusCode, string.Empty),
        (false, PiValueBounds.MaxGridVoltageV, " V"),
        (false, PiValueBounds.MaxGridFrequencyHz, " Hz"),
        (true, PiValueBounds.MaxUptimeSeconds, " s"),
    ];

    /// <summary>Parses a numeric quantity (every query but <see cref="PiQuery.TimeStamp"/>).</summary>
    public static string? TryParseNumber(PiQuery query, ReadOnlySpan<byte> value, out double number)
    {
        var (integer, max, unit) = Rules[(int)query];
        bool parsed;
        if (integer)
        {
            parsed = long.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out var whole);
            number = whole;
        }
        else
        {
            // The invariant culture also parses "NaN" and "Infinity", which are no measurement.
            parsed = double.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

            // "-0.0" is zero; adding +0 makes it positive zero, which readers (and JSON) then show as 0, not -0.
            number += 0.0;
        }

        if (!parsed)
        {
            return Reason(query, value, integer ? "is not an integer" : "is not a number");
        }

        return number >= 0 && number <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{PiQueryCatalog.WireName(query)} value is outside 0-{max}{unit}");
    }

    /// <summary>Parses <c>yyyy-mm-dd hh:mm:ss</c> or <c>yyyy/mm/dd hh:mm:ss</c>, the Pi's local time.</summary>
    public static string? TryParseTimestamp(ReadOnlySpan<byte> value, out DateTime timestamp)
    {
        timestamp = default;
        if (value.Length != 19
            || (value[4] != (byte)'-' && value[4] != (byte)'/')
            || value[7] != value[4]
            || (value[10] != (byte)' ' && value[10] != (byte)'T')
            || value[13] != (byte)':'
            || value[16] != (byte)':'
            || !TryDigits(value[..4], out var year)
            || !TryDigits(value.Slice(5, 2), out var month)
            || !TryDigits(value.Slice(8, 2), out var day)
            || !TryDigits(value.Slice(11, 2), out var hour)
            || !TryDigits(value.Slice(14, 2), out var minute)
            || !TryDigits(value.Slice(17, 2), out var second))
        {
            return Reason(PiQuery.TimeStamp, value, "is not a date-time (yyyy-mm-dd hh:mm:ss)");
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Reason(PiQuery.TimeStamp, value, "is not a valid date-time");
        }

        timestamp = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return null;
    }

    /// <summary>How long a piece of the peer's text is, for messages that must not quote it: "4 bytes".</summary>
    public static string Size(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 1 ? "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes");

    /// <summary>The value is the peer's: a reason names the quantity and the value's size, never its bytes.</summary>
    private static string Reason(PiQuery query, ReadOnlySpan<byte> value, string problem) => value.IsEmpty
        ? $"{PiQueryCatalog.WireName(query)} value is empty"
        : $"{PiQueryCatalog.WireName(query)} value of {Size(value)} {problem}";

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int number)
    {
        number = 0;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            number = (number * 10) + (d - '0');
        }

        return true;
    }
}

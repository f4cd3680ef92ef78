using System.Globalization;

namespace SolarFleet.Solar.Zones;

/// <summary>
/// The principal-city coordinates of tzdata's zone.tab or zone1970.tab: tab-separated lines of country codes,
/// coordinates as ±DDMM±DDDMM or ±DDMMSS±DDDMMSS, and the zone name; comments start with '#'.
/// </summary>
internal static class ZoneTable
{
    /// <summary>Zone name to coordinates, in the file's order; lines that do not parse are skipped.</summary>
    public static IReadOnlyList<KeyValuePair<string, GeoPoint>> Parse(IEnumerable<string> lines)
    {
        var zones = new List<KeyValuePair<string, GeoPoint>>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length >= 3 && TryParseCoordinates(fields[1], out var point))
            {
                zones.Add(new(fields[2], point));
            }
        }

        return zones;
    }

    public static bool TryParseCoordinates(string text, out GeoPoint point)
    {
        point = default;
        // The longitude starts at the second sign.
        var split = text.AsSpan(1).IndexOfAny('+', '-') + 1;
        if (split <= 0
            || !TryParseAngle(text.AsSpan(0, split), 2, 90, out var latitude)
            || !TryParseAngle(text.AsSpan(split), 3, 180, out var longitude))
        {
            return false;
        }

        point = new GeoPoint(latitude, longitude);
        return true;
    }

    /// <summary>±D…DMM or ±D…DMMSS with a fixed number of degree digits.</summary>
    private static bool TryParseAngle(ReadOnlySpan<char> text, int degreeDigits, double limit, out double degrees)
    {
        degrees = 0;
        var digits = text.Length - 1;
        if (digits != degreeDigits + 2 && digits != degreeDigits + 4)
        {
            return false;
        }

        var sign = text[0] switch { '+' => 1, '-' => -1, _ => 0 };
        if (sign == 0
            || !int.TryParse(text.Slice(1, degreeDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
            || !int.TryParse(text.Slice(1 + degreeDigits, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return false;
        }

        var seconds = 0;
        if (digits == degreeDigits + 4
            && !int.TryParse(text.Slice(3 + degreeDigits, 2), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        degrees = sign * (whole + (minutes / 60.0) + (seconds / 3600.0));
        return minutes < 60 && seconds < 60 && Math.Abs(degrees) <= limit;
    }
}

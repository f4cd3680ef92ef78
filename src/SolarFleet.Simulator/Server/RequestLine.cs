using System.Text;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Simulator.Server;

/// <summary>Classifies a request line: queries are case-insensitive, surrounding whitespace and a trailing <c>\r</c> are ignored.</summary>
internal static class RequestLine
{
    public static LineKind Classify(ReadOnlySpan<byte> line, out PiQuery query)
    {
        query = default;
        var text = line.Trim(" \t\r"u8);
        if (text.IsEmpty)
        {
            return LineKind.Blank;
        }

        if (Ascii.EqualsIgnoreCase(text, PiQueryCatalog.Close))
        {
            return LineKind.Close;
        }

        return PiQueryCatalog.TryParse(text, out query) ? LineKind.Query : LineKind.Unknown;
    }
}

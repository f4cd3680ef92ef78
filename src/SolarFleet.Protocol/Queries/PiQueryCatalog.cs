using System.Text;

namespace SolarFleet.Protocol.Queries;

/// <summary>The wire spelling of each query, and case-insensitive lookup from wire text.</summary>
public static class PiQueryCatalog
{
    /// <summary>The query that asks the Pi to close the connection; it has no answer.</summary>
    public const string Close = "close";

    private static readonly string[] Names =
        ["PowerNow", "PowerToday", "PowerTotal", "Status", "GridV", "GridHZ", "UpTime", "TimeStamp"];

    private static readonly byte[][] NameBytes = Array.ConvertAll(Names, Encoding.ASCII.GetBytes);

    /// <summary>Every query, in wire order.</summary>
    public static IReadOnlyList<PiQuery> All { get; } = Enum.GetValues<PiQuery>();

    public static string WireName(PiQuery query) => Names[(int)query];

    /// <summary>The ASCII bytes of the wire name, for allocation-free encoding and matching.</summary>
    public static ReadOnlySpan<byte> WireNameBytes(PiQuery query) => NameBytes[(int)query];

    public static PiQuerySet ToSet(PiQuery query) => (PiQuerySet)(1 << (int)query);

    public static bool Contains(this PiQuerySet set, PiQuery query) => (set & ToSet(query)) != 0;

    /// <summary>The queries of a set, in wire order.</summary>
    public static IEnumerable<PiQuery> Members(PiQuerySet set)
    {
        foreach (var query in All)
        {
            if (set.Contains(query))
            {
                yield return query;
            }
        }
    }

    /// <summary>Case-insensitive lookup of a query name (queries are case-insensitive on the wire).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PiQuery query)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                query = (PiQuery)i;
                return true;
            }
        }

        query = default;
        return false;
    }

    /// <summary>Case-insensitive lookup of an ASCII query name.</summary>
    public static bool TryParse(ReadOnlySpan<byte> ascii, out PiQuery query)
    {
        for (var i = 0; i < NameBytes.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(ascii, NameBytes[i]))
            {
                query = (PiQuery)i;
                return true;
            }
        }

        query = default;
        return false;
    }
}

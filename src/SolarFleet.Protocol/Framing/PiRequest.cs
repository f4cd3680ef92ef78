using System.Numerics;
using System.Text;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Framing;

/// <summary>
/// The bytes a poller writes: one query per line, in wire order, all in one write.
/// Each query set's request is built once and cached, so a poll encodes nothing.
/// </summary>
public static class PiRequest
{
    private static readonly byte[]?[] Cache = new byte[]?[(int)PiQuerySet.All + 1];

    private static readonly byte[] CloseBytes = Encoding.ASCII.GetBytes(PiQueryCatalog.Close + "\n");

    /// <summary>The line that asks the Pi to close the connection (<c>close\n</c>); it has no answer.</summary>
    public static ReadOnlyMemory<byte> Close => CloseBytes;

    /// <summary>The request for <paramref name="queries"/>, e.g. <c>PowerNow\nStatus\n</c>.</summary>
    /// <exception cref="ArgumentException">The set is empty or holds unknown bits.</exception>
    public static ReadOnlyMemory<byte> Encode(PiQuerySet queries)
    {
        Validate(queries);

        // A benign race: two threads may build the same array; either copy is correct.
        return Cache[(int)queries] ??= Build(queries);
    }

    /// <summary>How many answers a request for <paramref name="queries"/> expects.</summary>
    public static int AnswerCount(PiQuerySet queries)
    {
        Validate(queries);
        return BitOperations.PopCount((uint)queries);
    }

    private static void Validate(PiQuerySet queries)
    {
        if (queries == PiQuerySet.None || (queries & ~PiQuerySet.All) != 0)
        {
            throw new ArgumentException($"A poll needs at least one known query, not '{queries}'.", nameof(queries));
        }
    }

    private static byte[] Build(PiQuerySet queries)
    {
        var length = 0;
        foreach (var query in PiQueryCatalog.All)
        {
            if (queries.Contains(query))
            {
                length += PiQueryCatalog.WireNameBytes(query).Length + 1;
            }
        }

        var bytes = new byte[length];
        var written = 0;
        foreach (var query in PiQueryCatalog.All)
        {
            if (queries.Contains(query))
            {
                var name = PiQueryCatalog.WireNameBytes(query);
                name.CopyTo(bytes.AsSpan(written));
                written += name.Length;
                bytes[written++] = (byte)'\n';
            }
        }

        return bytes;
    }
}

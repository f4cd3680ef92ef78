using System.Text;
using SolarFleet.Protocol.Framing;
using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Tests.Framing;

/// <summary>Feeds text to a fresh decoder the way a socket would.</summary>
internal static class DecoderHarness
{
    public static PiAnswerDecoder Decode(string text, PiQuerySet queries = PiQuerySet.All, bool closed = false)
    {
        var decoder = new PiAnswerDecoder(queries);
        decoder.Feed(Encoding.Latin1.GetBytes(text));
        if (closed)
        {
            decoder.EndOfStream();
        }

        return decoder;
    }

    /// <summary>Feeds <paramref name="bytes"/> cut at <paramref name="cuts"/>, then signals the close.</summary>
    public static PiAnswerDecoder DecodeInChunks(byte[] bytes, IEnumerable<int> cuts, PiQuerySet queries = PiQuerySet.All)
    {
        var decoder = new PiAnswerDecoder(queries);
        var start = 0;
        foreach (var cut in cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order())
        {
            decoder.Feed(bytes.AsSpan(start, cut - start));
            start = cut;
        }

        decoder.Feed(bytes.AsSpan(start));
        decoder.EndOfStream();
        return decoder;
    }
}

using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Protocol.Tests.Framing;

/// <summary>A valid answer stream for some queries (some refused), written with one terminator style.</summary>
public sealed record AnswerScript(PiQuerySet Queries, PiQuerySet Refused, PiReading Values, string DateSeparator, string Terminator)
{
    public override string ToString() =>
        $"{Queries} refused {Refused}, terminator '{Terminator.ReplaceLineEndings("\\n").Replace("\r", "\\r", StringComparison.Ordinal)}'";

    public byte[] Bytes()
    {
        var text = new StringBuilder();
        foreach (var query in PiQueryCatalog.Members(Queries))
        {
            text.Append(Refused.Contains(query)
                ? "error: invalid query"
                : $"success: {PiQueryCatalog.WireName(query)} {Wire(query)}");
            text.Append(Terminator);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The reading these answers must decode to.</summary>
    public PiReading Expected()
    {
        var known = Queries & ~Refused;
        return new PiReading
        {
            PowerNowW = known.Contains(PiQuery.PowerNow) ? Values.PowerNowW : null,
            PowerTodayWh = known.Contains(PiQuery.PowerToday) ? Values.PowerTodayWh : null,
            PowerTotal = known.Contains(PiQuery.PowerTotal) ? Values.PowerTotal : null,
            PowerTotalDecimals = known.Contains(PiQuery.PowerTotal) ? Decimals(Wire(PiQuery.PowerTotal)) : null,
            StatusCode = known.Contains(PiQuery.Status) ? Values.StatusCode : null,
            GridVoltageV = known.Contains(PiQuery.GridV) ? Values.GridVoltageV : null,
            GridFrequencyHz = known.Contains(PiQuery.GridHZ) ? Values.GridFrequencyHz : null,
            UptimeSeconds = known.Contains(PiQuery.UpTime) ? Values.UptimeSeconds : null,
            Timestamp = known.Contains(PiQuery.TimeStamp) ? Values.Timestamp : null,
            Unsupported = Refused,
        };
    }

    private string Wire(PiQuery query) => query switch
    {
        PiQuery.PowerNow => Invariant(Values.PowerNowW),
        PiQuery.PowerToday => Invariant(Values.PowerTodayWh),
        PiQuery.PowerTotal => Invariant(Values.PowerTotal),
        PiQuery.Status => Invariant(Values.StatusCode),
        PiQuery.GridV => Invariant(Values.GridVoltageV),
        PiQuery.GridHZ => Invariant(Values.GridFrequencyHz),
        PiQuery.UpTime => Invariant(Values.UptimeSeconds),
        _ => Values.Timestamp!.Value.ToString($"yyyy{DateSeparator}MM{DateSeparator}dd HH:mm:ss", CultureInfo.InvariantCulture),
    };

    private static int Decimals(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    private static string Invariant(IFormattable? value) => value!.ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>FsCheck generators for the decoder's properties.</summary>
public static class DecoderArbitraries
{
    private static readonly string[] Fragments =
        ["success:", "error:", " ", "\n", "\r\n", "PowerNow", "timestamp", "invalid query", "2984", "-1", "60.01", "2023-07-07 14:05:23", "\u00FF", "\0"];

    public static Arbitrary<AnswerScript> Scripts() => Arb.From(
        from queries in Gen.Choose(1, (int)PiQuerySet.All)
        from refused in Gen.Choose(0, (int)PiQuerySet.All)
        from values in Readings()
        from separator in Gen.Elements("-", "/")
        from terminator in Gen.Elements("\n", "\r\n", string.Empty)
        select new AnswerScript((PiQuerySet)queries, (PiQuerySet)(queries & refused), values, separator, terminator));

    /// <summary>Byte soups: random bytes mixed with fragments of real answers, so that some almost parse.</summary>
    public static Arbitrary<byte[]> Garbage() => Arb.From(
        Gen.ArrayOf(Gen.OneOf(
                Gen.Elements(Fragments).Select(f => Encoding.Latin1.GetBytes(f)),
                Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))))
            .Select(parts => parts.SelectMany(p => p).ToArray()));

    private static Gen<PiReading> Readings() =>
        from power in Gen.Choose(0, PiValueBounds.MaxPowerNowW)
        from today in Gen.Choose(0, (int)PiValueBounds.MaxPowerTodayWh)
        from total in Gen.Choose(0, int.MaxValue)
        from status in Gen.Elements(0, 2, 3, 6, 7, 12, 65_535)
        from volts in Gen.Choose(0, 3000)
        from hertz in Gen.Choose(0, 7000)
        from uptime in Gen.Choose(0, (int)PiValueBounds.MaxUptimeSeconds)
        from seconds in Gen.Choose(0, 400 * 24 * 3600)
        select new PiReading
        {
            PowerNowW = power,
            PowerTodayWh = today,
            PowerTotal = total / 10.0,
            StatusCode = status,
            GridVoltageV = volts / 10.0,
            GridFrequencyHz = hertz / 100.0,
            UptimeSeconds = uptime,
            Timestamp = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(seconds),
        };
}

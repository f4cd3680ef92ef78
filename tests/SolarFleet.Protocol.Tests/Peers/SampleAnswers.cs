using System.Text;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Protocol.Tests.Peers;

/// <summary>A generating inverter's answers as a Pi writes them, and the reading they decode to.</summary>
public static class SampleAnswers
{
    public static readonly PiReading Reading = new()
    {
        PowerNowW = 2984,
        PowerTodayWh = 12_345,
        PowerTotal = 45_678.9,
        PowerTotalDecimals = 1,
        StatusCode = 7,
        GridVoltageV = 241.3,
        GridFrequencyHz = 60.01,
        UptimeSeconds = 23_456,
        Timestamp = new DateTime(2023, 7, 7, 14, 5, 23, DateTimeKind.Unspecified),
    };

    private static readonly string[] Values =
        ["2984", "12345", "45678.9", "7", "241.3", "60.01", "23456", "2023-07-07 14:05:23"];

    public static string Value(PiQuery query) => Values[(int)query];

    public static string Line(PiQuery query, string terminator = "\n") =>
        $"success: {PiQueryCatalog.WireName(query)} {Value(query)}{terminator}";

    /// <summary>Answers to the wire query lines a client sent, in order; <paramref name="refused"/> get <c>error: invalid query</c>.</summary>
    public static string For(IEnumerable<string> queries, string terminator = "\n", PiQuerySet refused = PiQuerySet.None)
    {
        var text = new StringBuilder();
        foreach (var wire in queries)
        {
            Assert.True(PiQueryCatalog.TryParse(wire.AsSpan(), out var query), $"unexpected query line '{wire}'");
            text.Append(refused.Contains(query) ? "error: invalid query" + terminator : Line(query, terminator));
        }

        return text.ToString();
    }

    /// <summary>All eight answers in wire order.</summary>
    public static string All(string terminator = "\n") =>
        For(PiQueryCatalog.All.Select(PiQueryCatalog.WireName), terminator);
}

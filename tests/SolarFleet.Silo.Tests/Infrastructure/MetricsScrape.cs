using System.Globalization;
using System.Text.RegularExpressions;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>One sample of a Prometheus text scrape.</summary>
public sealed record MetricSample(string Name, string Labels, double Value);

/// <summary>Reads a silo's /metrics into samples, failing on any line that is not Prometheus text.</summary>
public static partial class MetricsScrape
{
    // A sample line of the Prometheus text format: name{labels} value [timestamp].
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^# (HELP|TYPE|EOF|UNIT)( .*)?$""")]
    private static partial Regex CommentLine();

    public static async Task<string> TextAsync(HttpClient client)
    {
        using var response = await client.Get("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<IReadOnlyList<MetricSample>> SamplesAsync(HttpClient client) => Parse(await TextAsync(client));

    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CommentLine().IsMatch(line))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var value = match.Groups["value"].Value switch
            {
                "NaN" => double.NaN,
                "+Inf" or "Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            samples.Add(new MetricSample(match.Groups["name"].Value, match.Groups["labels"].Value, value));
        }

        return samples;
    }

    /// <summary>The metric family names of a scrape (histograms by their base name as well as their _bucket/_sum/_count series).</summary>
    public static ISet<string> Names(IEnumerable<MetricSample> samples) => samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
}

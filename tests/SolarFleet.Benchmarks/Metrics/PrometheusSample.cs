using System.Globalization;

namespace SolarFleet.Benchmarks.Metrics;

/// <summary>One scrape of a Prometheus text endpoint: every sample by metric name, with its labels.</summary>
public sealed class PrometheusSample
{
    private readonly Dictionary<string, List<(string Labels, double Value)>> _series;

    private PrometheusSample(Dictionary<string, List<(string Labels, double Value)>> series) => _series = series;

    /// <summary>Parses the text exposition format (comments skipped, labels kept as their raw text).</summary>
    public static PrometheusSample Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var series = new Dictionary<string, List<(string, double)>>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var head = line[..space];
            var brace = head.IndexOf('{');
            var name = (brace < 0 ? head : head[..brace]).ToString();
            var labels = brace < 0 ? string.Empty : head[(brace + 1)..^1].ToString();
            if (!double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (!series.TryGetValue(name, out var list))
            {
                series[name] = list = [];
            }

            list.Add((labels, value));
        }

        return new PrometheusSample(series);
    }

    /// <summary>Sum of every series of <paramref name="name"/> whose labels contain <paramref name="labelFilter"/> (all when null).</summary>
    public double Sum(string name, string? labelFilter = null) =>
        _series.TryGetValue(name, out var list)
            ? list.Where(s => labelFilter is null || s.Labels.Contains(labelFilter, StringComparison.Ordinal)).Sum(s => s.Value)
            : 0;

    /// <summary>Every series of <paramref name="name"/> as (labels, value).</summary>
    public IReadOnlyList<(string Labels, double Value)> Series(string name) =>
        _series.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// Cumulative buckets of a histogram (upper bound, count), +Inf last: the series whose labels contain
    /// <paramref name="labelFilter"/> (all when null), added up bound by bound.
    /// </summary>
    public IReadOnlyList<(double UpperBound, double Count)> Buckets(string histogram, string? labelFilter = null)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (labels, value) in Series(histogram + "_bucket"))
        {
            var at = labels.IndexOf("le=\"", StringComparison.Ordinal);
            if (at < 0 || (labelFilter is not null && !labels.Contains(labelFilter, StringComparison.Ordinal)))
            {
                continue;
            }

            var text = labels[(at + 4)..labels.IndexOf('"', at + 4)];
            var bound = text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }

        return buckets.Select(b => (b.Key, b.Value)).ToList();
    }
}

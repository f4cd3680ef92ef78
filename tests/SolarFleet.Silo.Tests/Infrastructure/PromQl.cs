using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>The PromQL expressions of the shipped dashboards and rules, and the series they name.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan",
    };

    /// <summary>Every expression of a Grafana dashboard: panel targets and query variables, Grafana's variables filled in.</summary>
    public static IReadOnlyList<string> OfDashboard(string path)
    {
        var expressions = new List<string>();
        Walk(JsonNode.Parse(File.ReadAllText(path))!, expressions);
        return [.. expressions.Select(FillVariables)];
    }

    /// <summary>Every expr of a Prometheus rule file (single-line and block scalars).</summary>
    public static IReadOnlyList<string> OfRules(string path)
    {
        var lines = File.ReadAllLines(path);
        var expressions = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups["value"].Value.Trim();
            if (value != "|")
            {
                expressions.Add(value);
                continue;
            }

            var indent = match.Groups["indent"].Value.Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
            {
                block.Add(lines[++i].Trim());
            }

            expressions.Add(string.Join(' ', block).Trim());
        }

        return expressions;
    }

    /// <summary>The series an expression selects, by metric name.</summary>
    public static IEnumerable<string> SeriesNames(string expression)
    {
        var stripped = StringLiteral().Replace(expression, "\"\"");
        stripped = Braces().Replace(stripped, " ");
        stripped = Brackets().Replace(stripped, " ");
        stripped = Grouping().Replace(stripped, " ");
        return Identifier().Matches(stripped).Select(m => m.Value).Where(name => !Keywords.Contains(name)).Distinct(StringComparer.Ordinal);
    }

    /// <summary>A rule file that records each expression, for promtool check rules to parse.</summary>
    public static string AsRuleFile(IEnumerable<string> expressions)
    {
        var rules = expressions.Select((e, i) => $"      - record: dashboard:expression_{i}\n        expr: {JsonSerializer.Serialize(e)}");
        return "groups:\n  - name: dashboards\n    rules:\n" + string.Join('\n', rules) + "\n";
    }

    private static string FillVariables(string expression) =>
        expression.Replace("$__rate_interval", "5m", StringComparison.Ordinal)
            .Replace("$__interval", "1m", StringComparison.Ordinal)
            .Replace("$__range", "1h", StringComparison.Ordinal)
            .Replace("${site}", "some-site", StringComparison.Ordinal)
            .Replace("$site", "some-site", StringComparison.Ordinal);

    private static void Walk(JsonNode node, List<string> expressions)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "expr" && value is JsonValue expr)
                    {
                        expressions.Add((string)expr!);
                    }
                    else if (key == "definition" && value is JsonValue definition && LabelValues().Match((string)definition!) is { Success: true } match)
                    {
                        // label_values(selector, label) is Grafana's; the selector in it is PromQL.
                        expressions.Add(match.Groups["selector"].Value);
                    }
                    else if (value is not null)
                    {
                        Walk(value, expressions);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Walk(item, expressions);
                }

                break;
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*)(- )?expr: (?<value>.*)$")]
    private static partial Regex ExprLine();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*\w+\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // A name not followed by "(" (which makes it a function or aggregation) and not part of a number.
    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_][a-zA-Z0-9_]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifier();
}

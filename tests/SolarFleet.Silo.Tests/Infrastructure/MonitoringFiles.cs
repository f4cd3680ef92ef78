using System.Text.RegularExpressions;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>The shipped monitoring files (deploy/monitoring) and what tests read from them.</summary>
public static partial class MonitoringFiles
{
    public static string Rules { get; } = RepositoryRoot.File("deploy", "monitoring", "prometheus", "solarfleet-alerts.yml");

    public static string RuleTests { get; } = RepositoryRoot.File("deploy", "monitoring", "prometheus", "solarfleet-alerts.test.yml");

    public static string Dashboards { get; } = RepositoryRoot.File("deploy", "monitoring", "grafana", "dashboards");

    /// <summary>The alert names of the rule file, each once.</summary>
    public static IReadOnlyList<string> AlertNames() =>
        [.. AlertLine().Matches(File.ReadAllText(Rules)).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\s*- alert: (?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}

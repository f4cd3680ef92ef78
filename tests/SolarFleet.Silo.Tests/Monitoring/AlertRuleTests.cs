using System.Text.RegularExpressions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Monitoring;

public sealed partial class AlertRuleTests
{
    [GeneratedRegex(@"^\s*alertname: (?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TestedAlert();

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", MonitoringFiles.Rules], null, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Every_alert_rule_passes_its_promtool_unit_tests()
    {
        var (exitCode, output) = await Promtool.RunAsync(["test", "rules", MonitoringFiles.RuleTests], null, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{output}");
    }

    [Fact]
    public void Every_alert_has_unit_tests_and_a_runbook()
    {
        var alerts = MonitoringFiles.AlertNames();
        var tested = TestedAlert().Matches(File.ReadAllText(MonitoringFiles.RuleTests)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var runbooks = File.ReadAllText(RepositoryRoot.File("docs", "runbooks.md"));

        Assert.True(alerts.Count >= 10, $"only {alerts.Count} alerts");
        Assert.All(alerts, alert =>
        {
            Assert.Contains(alert, tested);
            Assert.Contains($"\n## {alert}\n", runbooks, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_its_runbook_url()
    {
        // The rule file's alerts, each as the lines up to the next rule.
        var rules = File.ReadAllText(MonitoringFiles.Rules).Split("- alert: ")[1..];

        Assert.All(rules, rule =>
        {
            var name = rule[..rule.IndexOf('\n', StringComparison.Ordinal)].Trim();
            Assert.Matches(@"\n\s+severity: (critical|warning|info)\n", rule);
            Assert.Matches(@"\n\s+summary: \S", rule);
            Assert.Matches(@"\n\s+description: \S", rule);
            Assert.Contains($"runbook_url: https://solarfleet.example.org/docs/runbooks.md#{name.ToLowerInvariant()}\n", rule, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_prometheus_rule_manifest_carries_the_rule_files_groups()
    {
        var rules = File.ReadAllText(MonitoringFiles.Rules);
        var groups = rules[rules.IndexOf("groups:\n", StringComparison.Ordinal)..].Split('\n').Select(l => l.Length == 0 ? l : "  " + l);
        var manifest = File.ReadAllText(RepositoryRoot.File("k8s", "prometheus-rule.yaml"));

        Assert.EndsWith("spec:\n" + string.Join('\n', groups), manifest, StringComparison.Ordinal);
    }
}

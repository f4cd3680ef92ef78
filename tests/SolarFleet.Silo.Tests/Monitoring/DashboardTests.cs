using System.Text.RegularExpressions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Monitoring;

public sealed partial class DashboardTests(MonitoredSilo silo) : IClassFixture<MonitoredSilo>
{
    // Prometheus' own series, which the dashboards and rules may use besides the silo's.
    private static readonly string[] PrometheusSeries = ["up", "ALERTS"];

    [GeneratedRegex(@"`(?<name>(solarfleet|orleans|dotnet|http_server|aspnetcore)_[a-z0-9_]+)`")]
    private static partial Regex DocumentedName();

    public static TheoryData<string> Dashboards() =>
        [.. new[] { "solarfleet-fleet.json", "solarfleet-site.json", "solarfleet-internals.json" }];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Every_expression_of_the_dashboard_parses(string dashboard)
    {
        var expressions = PromQl.OfDashboard(Path.Combine(MonitoringFiles.Dashboards, dashboard));

        Assert.True(expressions.Count >= 5, $"{dashboard} has only {expressions.Count} expressions");
        var (exitCode, output) = await CheckAsync(expressions);
        Assert.True(exitCode == 0, $"promtool check rules of {dashboard}'s expressions exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task An_expression_that_does_not_parse_is_caught()
    {
        var (exitCode, _) = await CheckAsync(["sum(rate(solarfleet_polls_total[5m])"]);

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public void Every_dashboard_in_the_folder_is_checked()
    {
        var files = Directory.GetFiles(MonitoringFiles.Dashboards, "*.json").Select(Path.GetFileName);

        Assert.Equal(Dashboards().Select(d => d.Data).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dashboards_and_rules_name_only_series_the_silo_exports()
    {
        var exported = await ExportedAsync();
        var documented = Documented();
        var allowed = exported.Concat(documented).Concat(PrometheusSeries).ToHashSet(StringComparer.Ordinal);
        var used = Dashboards().SelectMany(d => PromQl.OfDashboard(Path.Combine(MonitoringFiles.Dashboards, d.Data)))
            .Concat(PromQl.OfRules(MonitoringFiles.Rules))
            .SelectMany(PromQl.SeriesNames)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("solarfleet_alerts_open_sites", used);
        Assert.Empty(used.Where(name => !allowed.Contains(name)).Order(StringComparer.Ordinal));

        // The names found only in the docs are those a memory silo without webhooks does not export.
        Assert.All(used.Where(name => !exported.Contains(name) && !PrometheusSeries.Contains(name)), name =>
            Assert.Matches("^solarfleet_(history_|storage_|alerts_backlog|alerts_dropped|webhook_)", name));
    }

    [Fact]
    public async Task Every_series_the_silo_exports_is_documented()
    {
        var documented = Documented();

        var undocumented = (await ExportedAsync())
            .Where(name => name.StartsWith("solarfleet_", StringComparison.Ordinal) || name.StartsWith("orleans_", StringComparison.Ordinal))
            .Where(name => !documented.Contains(name))
            .Order(StringComparer.Ordinal);

        Assert.Empty(undocumented);
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(IEnumerable<string> expressions)
    {
        var file = Path.Combine(Path.GetTempPath(), $"solarfleet-dashboard-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, PromQl.AsRuleFile(expressions), TestContext.Current.CancellationToken);
        try
        {
            return await Promtool.RunAsync(["check", "rules", file], null, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<ISet<string>> ExportedAsync() => MetricsScrape.Names(await MetricsScrape.SamplesAsync(silo.Anonymous));

    // The series metrics.md describes, with a histogram's or summary's series.
    private static HashSet<string> Documented() =>
        DocumentedName().Matches(File.ReadAllText(RepositoryRoot.File("docs", "metrics.md")))
            .Select(m => m.Groups["name"].Value)
            .SelectMany(name => new[] { name, name + "_bucket", name + "_sum", name + "_count" })
            .ToHashSet(StringComparer.Ordinal);
}

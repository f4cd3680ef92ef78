using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed partial class MetricsTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    // A sample line of the Prometheus text format: name{labels} value [timestamp].
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^# (HELP|TYPE|EOF|UNIT)( .*)?$""")]
    private static partial Regex CommentLine();

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_the_documented_series()
    {
        (await host.Admin.Put("/api/sites/metrics-home", SiloWithSimulator.SiteBody())).Dispose();
        (await host.Admin.Put("/api/sites/metrics-home/inverters/m1", host.InverterBody(5))).Dispose();
        await Eventually.Get(
            () => host.Reader.GetJson("/api/sites/metrics-home"),
            j => (long)j["powerW"]! > 0,
            TimeSpan.FromSeconds(30),
            "the site to produce");

        var samples = await Eventually.Get(
            Scrape,
            s => s.Any(x => x.Name.StartsWith("solarfleet_site_power", StringComparison.Ordinal) && x.Labels.Contains("site=\"metrics-home\"", StringComparison.Ordinal) && x.Value > 0),
            TimeSpan.FromSeconds(30),
            "the site power series");

        var names = samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var prefix in new[]
        {
            "solarfleet_fleet_power", "solarfleet_fleet_energy_today", "solarfleet_fleet_sites", "solarfleet_inverters",
            "solarfleet_site_power", "solarfleet_site_energy_today", "solarfleet_polls", "solarfleet_poll_duration",
            "solarfleet_data_age", "dotnet_gc_collections", "http_server_request_duration",
        })
        {
            Assert.True(names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)), $"no {prefix} series; have {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }

        Assert.Contains(samples, s => s.Name.StartsWith("solarfleet_polls", StringComparison.Ordinal) && s.Labels.Contains("result=\"ok\"", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Labels.Contains("inverter=", StringComparison.Ordinal));
        foreach (var health in new[] { "pending", "online", "asleep", "stale", "unreachable", "fault" })
        {
            Assert.Contains(samples, s => s.Name.StartsWith("solarfleet_inverters", StringComparison.Ordinal) && s.Labels.Contains($"health=\"{health}\"", StringComparison.Ordinal));
        }
    }

    private async Task<IReadOnlyList<(string Name, string Labels, double Value)>> Scrape()
    {
        using var response = await host.Anonymous.Get("/metrics");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var samples = new List<(string, string, double)>();
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
            samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value, value));
        }

        return samples;
    }
}

using System.Text.RegularExpressions;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Monitoring;

/// <summary>Debian's Prometheus server scraping a test silo and evaluating the shipped rules.</summary>
public sealed partial class PrometheusServerTests(MonitoredSilo silo) : IClassFixture<MonitoredSilo>
{
    [GeneratedRegex(@"(?m)^(\s+)for: \S+$")]
    private static partial Regex ForClause();

    [Fact]
    public async Task Prometheus_scrapes_the_silo_and_fires_the_unreachable_alert_for_the_refusing_pi()
    {
        // The shipped rules with every "for" cut to a second, so the test need not wait 15 minutes.
        var rules = Path.Combine(Path.GetTempPath(), $"solarfleet-alerts-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(rules, ForClause().Replace(await File.ReadAllTextAsync(MonitoringFiles.Rules, TestContext.Current.CancellationToken), "$1for: 1s"), TestContext.Current.CancellationToken);
        try
        {
            await using var proxy = new ScrapeProxy(silo.Anonymous);
            await using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{proxy.Port}"], [rules], TestContext.Current.CancellationToken);

            await Eventually.Get(prometheus.TargetHealthAsync, health => health.Count == 1 && health[0] == "up", TimeSpan.FromSeconds(30), "the silo's target to be up");
            var power = await Eventually.Get(
                () => prometheus.QueryAsync($"solarfleet_site_power_watts{{job=\"solarfleet\", site=\"{MonitoredSilo.SiteId}\"}}"),
                result => result.Count == 1,
                TimeSpan.FromSeconds(30),
                "the site's power series");
            Assert.True(double.Parse((string)power[0]!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.NotEmpty(await prometheus.QueryAsync("solarfleet_polls_total{job=\"solarfleet\", result=\"refused\"} > 0"));
            Assert.NotEmpty(await prometheus.QueryAsync($"solarfleet_inverter_power_watts{{site=\"{MonitoredSilo.SiteId}\", inverter=\"west\"}}"));

            var firing = await Eventually.Get(
                () => prometheus.QueryAsync("ALERTS{alertname=\"SolarFleetSitesWithUnreachableInverters\", alertstate=\"firing\"}"),
                result => result.Count == 1,
                TimeSpan.FromSeconds(60),
                "SolarFleetSitesWithUnreachableInverters to fire");
            Assert.Equal("warning", (string?)firing[0]!["metric"]!["severity"]);
            Assert.Empty(await prometheus.QueryAsync("ALERTS{alertname=~\"SolarFleetSiloDown|SolarFleetSiloNotReady\", alertstate=\"firing\"}"));
        }
        finally
        {
            File.Delete(rules);
        }
    }
}

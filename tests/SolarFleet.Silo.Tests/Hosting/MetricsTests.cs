using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Hosting;

public sealed class MetricsTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_the_documented_series()
    {
        var samples = await ProducingSiteScrape();

        var names = MetricsScrape.Names(samples);
        foreach (var name in new[]
        {
            "solarfleet_fleet_power_watts", "solarfleet_fleet_energy_today_joules", "solarfleet_fleet_sites", "solarfleet_inverters",
            "solarfleet_site_power_watts", "solarfleet_site_energy_today_joules", "solarfleet_polls_total", "solarfleet_poll_duration_seconds_bucket",
            "solarfleet_data_age_seconds_bucket", "solarfleet_alerts_open", "solarfleet_alerts_open_sites", "solarfleet_ready", "dotnet_gc_collections_total",
            "http_server_request_duration_seconds_bucket", "orleans_catalog_activations", "orleans_consistent_ring_size",
        })
        {
            Assert.True(names.Contains(name), $"no {name} series; have {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }

        Assert.Contains(samples, s => s.Name == "solarfleet_polls_total" && s.Labels.Contains("result=\"ok\"", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Labels.Contains("inverter=", StringComparison.Ordinal));
        foreach (var health in new[] { "pending", "online", "asleep", "stale", "unreachable", "fault" })
        {
            Assert.Contains(samples, s => s.Name == "solarfleet_inverters" && s.Labels.Contains($"health=\"{health}\"", StringComparison.Ordinal));
        }

        foreach (var kind in new[] { "unreachable", "darkInDaylight", "underproducing" })
        {
            Assert.Contains(samples, s => s.Name == "solarfleet_alerts_open" && s.Labels.Contains($"kind=\"{kind}\"", StringComparison.Ordinal) && s.Labels.Contains("severity=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Series_names_are_lowercase_in_base_units_without_scope_labels()
    {
        var samples = await ProducingSiteScrape();

        Assert.All(samples.Where(s => s.Name.StartsWith("solarfleet_", StringComparison.Ordinal)), s => Assert.Equal(s.Name.ToLowerInvariant(), s.Name));
        Assert.DoesNotContain(samples, s => s.Labels.Contains("otel_scope_", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Name.Contains("_milliseconds", StringComparison.Ordinal) || s.Name.Contains("_megabytes", StringComparison.Ordinal) || s.Name.EndsWith("_Wh", StringComparison.Ordinal));
        var fleetJoules = samples.Single(s => s.Name == "solarfleet_fleet_energy_today_joules").Value;
        var fleetWh = (long)(await host.Reader.GetJson("/api/fleet"))["energyTodayWh"]!;
        Assert.True(fleetJoules % 3600 == 0 && fleetJoules / 3600 <= fleetWh, $"{fleetJoules} J is not a whole number of Wh up to {fleetWh} Wh");
    }

    [Fact]
    public async Task Promtool_finds_no_problem_in_a_scrape()
    {
        await ProducingSiteScrape();
        var text = await MetricsScrape.TextAsync(host.Anonymous);

        var (exitCode, output) = await Promtool.RunAsync(["check", "metrics"], text, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
    }

    private async Task<IReadOnlyList<MetricSample>> ProducingSiteScrape()
    {
        (await host.Admin.Put("/api/sites/metrics-home", SiloWithSimulator.SiteBody())).Dispose();
        (await host.Admin.Put("/api/sites/metrics-home/inverters/m1", host.InverterBody(5))).Dispose();
        await Eventually.Get(
            () => host.Reader.GetJson("/api/sites/metrics-home"),
            j => (long)j["powerW"]! > 0,
            TimeSpan.FromSeconds(30),
            "the site to produce");

        return await Eventually.Get(
            () => MetricsScrape.SamplesAsync(host.Anonymous),
            s => s.Any(x => x.Name == "solarfleet_site_power_watts" && x.Labels.Contains("site=\"metrics-home\"", StringComparison.Ordinal) && x.Value > 0),
            TimeSpan.FromSeconds(30),
            "the site power series");
    }
}

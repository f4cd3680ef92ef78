using Microsoft.Extensions.Options;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using SolarFleet.Silo.Dashboard.Alerts;

namespace SolarFleet.Silo.Tests.Dashboard;

/// <summary>What the overview and the sites list learn of open alerts, from a store holding more than a page of them.</summary>
public sealed class OpenAlertsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_overview_counts_every_open_alert_of_a_kind_however_many_are_open()
    {
        var store = Store();
        Raise(store, AlertKind.Unreachable, 6_001, sites: 700);
        Raise(store, AlertKind.Fault, 3, sites: 3);

        var counts = await new OpenAlerts(store).CountByKindAsync(CancellationToken.None);

        Assert.Equal(
            [(AlertKind.Fault, 3L), (AlertKind.Unreachable, 6_001L)],
            counts.Select(c => (c.Kind, c.Alerts)).OrderBy(c => c.Kind.ToString(), StringComparer.Ordinal));
        Assert.Equal(700, Assert.Single(counts, c => c.Kind == AlertKind.Unreachable).Sites);
    }

    [Fact]
    public async Task A_kind_with_no_open_alert_is_left_out_of_the_counts()
    {
        var store = Store();
        var alert = Alert(AlertKind.Fault, "s-1", "i-1");
        store.Record(new AlertTransition(alert, AlertTransitionKind.Raised));
        store.Record(new AlertTransition(alert with { ResolvedAt = Noon.AddMinutes(5) }, AlertTransitionKind.Resolved));

        Assert.Empty(await new OpenAlerts(store).CountByKindAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_sites_with_an_open_alert_of_a_kind_are_all_of_them_however_many_are_open()
    {
        var store = Store();
        Raise(store, AlertKind.Unreachable, 6_001, sites: 6_001);
        Raise(store, AlertKind.Fault, 1, sites: 1);

        var sites = await new OpenAlerts(store).SitesWithAsync(AlertKind.Unreachable, CancellationToken.None);

        Assert.Equal(6_001, sites.Count);
        Assert.Contains("site-6000", sites);
        Assert.Contains("site-0", sites);
    }

    private static MemoryAlertStore Store() => new(TimeProvider.System, Options.Create(new AlertStoreOptions()));

    private static void Raise(MemoryAlertStore store, AlertKind kind, int alerts, int sites)
    {
        for (var i = 0; i < alerts; i++)
        {
            store.Record(new AlertTransition(Alert(kind, $"site-{i % sites}", $"inv-{i}"), AlertTransitionKind.Raised));
        }
    }

    private static Alert Alert(AlertKind kind, string site, string inverter) => new(
        $"{kind}-{site}-{inverter}",
        kind,
        AlertCatalog.SeverityOf(kind),
        site,
        inverter,
        Noon,
        null,
        null,
        null,
        $"{kind} on {inverter}",
        "detail",
        new Dictionary<string, double> { ["figure"] = 1 });
}

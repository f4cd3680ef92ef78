using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class SiteAndFleetTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 21);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ScriptedPiClient _pis;
    private GrainCluster _cluster = null!;

    public SiteAndFleetTests() => _pis = new ScriptedPiClient(_time);

    public async ValueTask InitializeAsync() => _cluster = await GrainCluster.StartAsync(_pis, _time);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Site_and_fleet_add_up_what_their_inverters_report()
    {
        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC", 47.6, -122.3));
        await _cluster.Site("b").Configure(new SiteSettings("Bravo", "UTC"));
        Answer(51_001, power: 1000, today: 5000);
        Answer(51_002, power: 2000, today: 7000);
        Answer(51_003, power: 500, today: 1500);
        _pis.Answer(51_004, now => Reading(now, power: 0, today: 100, status: 12));
        await _cluster.Site("a").UpsertInverter("1", Settings(51_001));
        await _cluster.Site("a").UpsertInverter("2", Settings(51_002));
        await _cluster.Site("b").UpsertInverter("3", Settings(51_003));
        await _cluster.Site("b").UpsertInverter("4", Settings(51_004));

        var fleet = await _cluster.FleetAsync(
            f => f.SummaryAsync(),
            f => f.Health.Online == 3 && f.Health.Fault == 1,
            "every inverter reported through its site");

        Assert.Equal(2, fleet.Sites);
        Assert.Equal(4, fleet.Inverters);
        Assert.Equal(3500, fleet.PowerW);
        Assert.Equal(13_600, fleet.EnergyTodayWh);
        Assert.Equal(1, fleet.SitesWithProblems);

        var alpha = (await _cluster.Site("a").GetSnapshot())!;
        Assert.Equal(3000, alpha.Summary.PowerW);
        Assert.Equal(12_000, alpha.Summary.EnergyTodayWh);
        Assert.Equal(Today, alpha.Summary.LocalDate);
        Assert.Equal(["1", "2"], alpha.Inverters.Keys.Order());
        Assert.Equal(47.6, alpha.Settings.Latitude);

        var problem = Assert.Single(await _cluster.Fleet.ProblemsAsync());
        Assert.Equal(("b", "4", InverterHealth.Fault, 12), (problem.SiteId, problem.InverterId, problem.Health, problem.StatusCode));
        Assert.Equal("Fault (code 12)", problem.Detail);
        Assert.Equal(["a", "b"], (await _cluster.Fleet.SiteSummariesAsync()).Select(s => s.SiteId));
    }

    [Fact]
    public async Task A_site_joining_or_leaving_the_fleet_shows_in_the_next_view_while_an_unchanged_view_is_not_sent_again()
    {
        var before = (await _cluster.Fleet.GetView(0))!;
        Assert.Null(await _cluster.Fleet.GetView(before.Stamp));

        await _cluster.Site("v").Configure(new SiteSettings("Victor", "UTC"));
        await _cluster.FleetAsync(f => f.SiteSummariesAsync(), sites => sites.Any(s => s.SiteId == "v"), "the site's first report");
        var listed = (await _cluster.Fleet.GetView(before.Stamp))!;
        Assert.Contains(listed.Sites, s => s.SiteId == "v");

        // No waiting for the view to age: the removal is in the very next one.
        await _cluster.Site("v").Remove();
        var after = (await _cluster.Fleet.GetView(listed.Stamp))!;
        Assert.DoesNotContain(after.Sites, s => s.SiteId == "v");
    }

    [Fact]
    public async Task Adding_an_inverter_to_a_site_that_does_not_exist_is_a_site_not_found_error()
    {
        var error = await Assert.ThrowsAsync<SiteNotFoundException>(() => _cluster.Site("ghost").UpsertInverter("1", Settings(51_010)));

        Assert.Equal("ghost", error.SiteId);
        Assert.Null(await _cluster.Site("ghost").GetSnapshot());
        Assert.Null(await _cluster.Inverter("ghost", "1").GetSnapshot());
    }

    [Fact]
    public async Task Rejects_a_site_with_an_unknown_time_zone_or_a_slash_in_its_id()
    {
        var zone = await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Site("a").Configure(new SiteSettings("Alpha", "Europe/Atlantis")));
        Assert.Contains("Europe/Atlantis", zone.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Site("a/b").Configure(new SiteSettings("Alpha", "UTC")));
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC", Latitude: 91)));
        Assert.Empty(await _cluster.Fleet.GetSiteIds());
    }

    [Fact]
    public async Task Removing_a_site_removes_its_inverters_takes_it_out_of_the_fleet_and_keeps_it_for_its_history()
    {
        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC"));
        await _cluster.Site("b").Configure(new SiteSettings("Bravo", "UTC"));
        Answer(51_020, power: 1000, today: 5000);
        Answer(51_021, power: 700, today: 900);
        await _cluster.Site("a").UpsertInverter("1", Settings(51_020));
        await _cluster.Site("b").UpsertInverter("2", Settings(51_021));
        await _cluster.FleetAsync(f => f.SummaryAsync(), f => f.Health.Online == 2, "both inverters reported");

        await _cluster.Site("a").Remove();
        await _cluster.Site("a").Remove();

        var removed = await _cluster.Site("a").GetSnapshot();
        Assert.True(removed?.IsRemoved);
        Assert.Empty(removed!.Inverters);
        Assert.Null(await _cluster.Inverter("a", "1").GetSnapshot());
        Assert.Equal(["b"], await _cluster.Fleet.GetSiteIds());
        Assert.Equal(["a"], (await _cluster.Fleet.GetRemovedSites()).Select(site => site.SiteId));
        var fleet = await _cluster.Fleet.SummaryAsync();
        Assert.Equal((1, 1, 700L, 900L), (fleet.Sites, fleet.Inverters, fleet.PowerW, fleet.EnergyTodayWh));
    }

    [Fact]
    public async Task Replacing_inverters_adds_changes_and_removes_exactly_as_listed()
    {
        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC"));
        Answer(51_030, 100, 100);
        Answer(51_031, 200, 200);
        Answer(51_032, 300, 300);
        await _cluster.Site("a").UpsertInverter("keep", Settings(51_030));
        await _cluster.Site("a").UpsertInverter("drop", Settings(51_031));

        await _cluster.Site("a").ReplaceInverters(new Dictionary<string, InverterSettings>
        {
            ["keep"] = Settings(51_030),
            ["new"] = Settings(51_032),
        });

        var site = (await _cluster.Site("a").GetSnapshot())!;
        Assert.Equal(["keep", "new"], site.Inverters.Keys.Order());
        Assert.Null(await _cluster.Inverter("a", "drop").GetSnapshot());
        Assert.NotNull(await _cluster.Inverter("a", "new").GetSnapshot());
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Site("a").ReplaceInverters(new Dictionary<string, InverterSettings>
        {
            ["keep"] = Settings(51_030),
            ["bad"] = Settings(1),
        }));
        Assert.Equal(["keep", "new"], (await _cluster.Site("a").GetSnapshot())!.Inverters.Keys.Order());
    }

    [Fact]
    public async Task A_time_zone_change_moves_the_inverters_to_the_new_local_dates()
    {
        // 23:58 UTC on the 21st is already 08:58 on the 22nd in Tokyo.
        _time.SetUtcNow(new DateTimeOffset(2026, 6, 21, 23, 58, 0, TimeSpan.Zero));
        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC"));
        _pis.Answer(51_040, now => new PiReading { StatusCode = 7, PowerNowW = 10, PowerTodayWh = 10 });
        await _cluster.Site("a").UpsertInverter("1", Settings(51_040));
        await _cluster.PolledAsync("a", "1", _time.GetUtcNow());
        Assert.Equal(Today, (await _cluster.Inverter("a", "1").GetSnapshot())!.LocalDate);

        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "Asia/Tokyo"));
        _time.Advance(TimeSpan.FromSeconds(23));
        var snapshot = await _cluster.PolledAsync("a", "1", _time.GetUtcNow());

        Assert.Equal(Today.AddDays(1), snapshot.LocalDate);
        var site = await Eventually.Value(() => _cluster.Site("a").GetSnapshot(), s => s!.Summary.EnergyTodayWh == 10, "the site counts today's energy in Tokyo");
        Assert.Equal(Today.AddDays(1), site!.Summary.LocalDate);
    }

    [Fact]
    public async Task A_reactivated_fleet_and_site_refill_from_what_keeps_polling()
    {
        await _cluster.Site("a").Configure(new SiteSettings("Alpha", "UTC"));
        Answer(51_050, power: 1200, today: 3300);
        await _cluster.Site("a").UpsertInverter("1", Settings(51_050));
        await _cluster.FleetAsync(f => f.SummaryAsync(), f => f.PowerW == 1200, "the inverter reported");

        await _cluster.Cluster.DeactivateAsync(_cluster.Site("a"));
        await _cluster.Cluster.DeactivateAsync(_cluster.Fleet);

        var fleet = await _cluster.FleetAsync(f => f.SummaryAsync(), f => f.PowerW == 1200, "the fleet got the site's report again");
        Assert.Equal((1, 1, 3300L), (fleet.Sites, fleet.Inverters, fleet.EnergyTodayWh));
        var site = await Eventually.Value(() => _cluster.Site("a").GetSnapshot(), s => s!.Summary.Health.Online == 1, "the site got its inverter's summary again");
        Assert.Equal(1200, site!.Summary.PowerW);
    }

    [Fact]
    public async Task Sites_configured_all_at_once_are_all_in_the_fleet_after_it_reloads_from_storage()
    {
        // A bulk registration configures many sites at once; their fleet entries share writes and none may be lost.
        var ids = Enumerable.Range(0, 300).Select(i => $"bulk-{i:D3}").ToArray();
        await Task.WhenAll(ids.Select(id => _cluster.Site(id).Configure(new SiteSettings(id, "UTC"))));
        await Task.WhenAll(ids.Take(100).Select(id => _cluster.Site(id).Remove()));

        await _cluster.Cluster.DeactivateAsync(_cluster.Fleet);

        Assert.Equal(ids.Skip(100), await _cluster.Fleet.GetSiteIds());
    }

    private void Answer(int port, int power, long today) => _pis.Answer(port, now => Reading(now, power, today, status: 7));

    private static PiReading Reading(DateTimeOffset now, int power, long today, int status) => new()
    {
        PowerNowW = power,
        PowerTodayWh = today,
        StatusCode = status,
        Timestamp = now.DateTime.AddSeconds(-3),
    };

    private static InverterSettings Settings(int port) => new("127.0.0.1", port);
}

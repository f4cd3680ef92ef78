using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Solar;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Grains.Tests.Alerts;

/// <summary>Peer comparison's rules with plain values: windows, verdicts and the grid of cells.</summary>
public sealed class UnderproductionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly UnderproductionOptions Options = new();

    [Fact]
    public void Only_an_inverter_that_says_its_dc_capacity_and_where_it_is_compares_its_yield()
    {
        var located = new InverterRegistration("home", "inv", "UTC", new InverterSettings("127.0.0.1", 61_000, DcCapacityW: 4_000), 47.6, -122.3);

        Assert.True(PeerComparison.Compares(located));
        Assert.False(PeerComparison.Compares(located with { Settings = located.Settings with { DcCapacityW = null } }));
        Assert.False(PeerComparison.Compares(located with { Latitude = null }));
        Assert.False(PeerComparison.Compares(located with { Longitude = null }));
    }

    [Fact]
    public void Windows_are_cut_on_the_utc_clock_and_a_gap_or_a_midnight_is_not_compared()
    {
        var track = new YieldTrack();
        var energy = new Dictionary<DateOnly, long>();
        var completed = new List<CompletedYield>();
        var today = DateOnly.FromDateTime(Noon.DateTime);
        void Poll(DateTimeOffset at, long wh)
        {
            energy[DateOnly.FromDateTime(at.UtcDateTime)] = wh;
            YieldWindows.Observe(track, at, DateOnly.FromDateTime(at.UtcDateTime), d => energy.GetValueOrDefault(d), TimeSpan.FromHours(1), TimeZoneInfo.Utc, completed);
        }

        // Joined half way through 11:00-12:00: that window's energy is not whole, so it is not compared.
        Poll(Noon.AddMinutes(-30), 10_000);
        Poll(Noon.AddSeconds(20), 11_000);
        Assert.Empty(completed);
        Poll(Noon.AddMinutes(30), 12_000);
        Poll(Noon.AddHours(1).AddSeconds(10), 13_500);
        var window = Assert.Single(completed);
        Assert.Equal(new YieldWindow(Noon, TimeSpan.FromHours(1)), window.Window);
        Assert.Equal(2_500, window.EnergyWh);

        // Nothing heard from 13:00 to 15:00: neither 13:00-14:00 nor the 15:00 window joined late is compared.
        completed.Clear();
        Poll(Noon.AddHours(3).AddMinutes(10), 16_000);
        Poll(Noon.AddHours(4).AddSeconds(5), 16_500);
        Assert.Empty(completed);

        // A day joined part-way is not compared whole; one followed from midnight to midnight is, at the next date's first poll.
        Poll(Noon.AddHours(12).AddSeconds(5), 0);
        Assert.Empty(completed);
        for (var hour = 1; hour <= 24; hour++)
        {
            Poll(Noon.AddHours(12 + hour).AddSeconds(5), hour < 24 ? hour * 1_000 : 0);
        }

        var day = Assert.Single(completed, c => c.Window.IsDay);
        Assert.Equal(today.AddDays(1).ToDateTime(TimeOnly.MinValue), day.Window.Start.UtcDateTime);
        Assert.Equal(23_000, day.EnergyWh);
    }

    [Fact]
    public void Below_the_threshold_of_the_peers_median_is_underproducing_with_its_figures()
    {
        var verdict = Judge(ownWh: 1_500, capacityW: 4_000, 0.8, 0.75, 0.85, 0.8, 0.78);

        Assert.Equal(AlertCondition.Present, verdict.Condition);
        Assert.Equal("Producing 47% of its neighbours", verdict.Summary.Replace(" %", "%", StringComparison.Ordinal));
        Assert.Equal(0.375, verdict.Figures!["yieldKwhPerKwp"]);
        Assert.Equal(0.8, verdict.Figures["peerMedianKwhPerKwp"]);
        Assert.Equal(5, verdict.Figures["peers"]);
        Assert.False(verdict.Decisive);
    }

    [Theory]
    [InlineData(3_000, AlertCondition.Absent)]  // 94 %: at or above the clear threshold
    [InlineData(2_720, AlertCondition.Unknown)] // 85 %: between the thresholds, nothing changes
    [InlineData(2_500, AlertCondition.Present)] // 78 %
    public void Between_the_thresholds_nothing_changes_and_above_the_clear_threshold_it_clears(long ownWh, AlertCondition expected) =>
        Assert.Equal(expected, Judge(ownWh, 4_000, 0.8, 0.8, 0.8, 0.8, 0.8).Condition);

    [Fact]
    public void Too_few_peers_or_a_window_too_dim_to_compare_says_nothing()
    {
        Assert.Equal(AlertCondition.Unknown, Judge(100, 4_000, 0.8, 0.8, 0.8, 0.8).Condition);
        Assert.Equal(AlertCondition.Unknown, Judge(0, 4_000, 0.01, 0.015, 0.01, 0.012, 0.01).Condition);
    }

    [Fact]
    public void A_whole_day_below_its_peers_is_decisive()
    {
        var day = new YieldWindow(Noon.Date, TimeSpan.FromDays(1));
        var verdict = UnderproductionRules.Judge(day, 8_000 / 4_000.0, PeerMedian.Of([5.1, 5.3, 4.9, 5.0, 5.2]), Options);

        Assert.Equal(AlertCondition.Present, verdict.Condition);
        Assert.True(verdict.Decisive);
        Assert.Contains("over the whole day", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_point_within_the_radius_lies_in_a_cell_around_the_inverter()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            var radius = 5 + (random.NextDouble() * 60);
            var latitude = (random.NextDouble() * 160) - 80;
            var longitude = (random.NextDouble() * 340) - 170;
            var bearing = random.NextDouble() * 2 * Math.PI;
            var distance = random.NextDouble() * radius;
            var peerLatitude = latitude + (distance / 111.2 * Math.Cos(bearing));
            var peerLongitude = longitude + (distance / (111.2 * Math.Cos(peerLatitude * Math.PI / 180)) * Math.Sin(bearing));
            if (GeoDistance.Km(latitude, longitude, peerLatitude, peerLongitude) > radius)
            {
                continue;
            }

            Assert.Contains(YieldCells.KeyOf(peerLatitude, peerLongitude, radius), YieldCells.Around(latitude, longitude, radius));
        }
    }

    [Fact]
    public void An_east_facing_array_in_the_afternoon_yields_as_its_south_facing_neighbour_once_scaled_by_clear_sky_light()
    {
        var site = new GeoPoint(33.45, -112.07);
        var window = new YieldWindow(new DateTimeOffset(2026, 6, 21, 21, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        var east = new PanelOrientation(25, 90);
        var reference = new PanelOrientation(20, 180);

        // Both arrays convert 80 % of their clear-sky light; the east roof simply gets less of it after noon.
        long Made(PanelOrientation o) => (long)(4_000 * 0.8 * ClearSky.Insolation(site, window.Start, window.End, o) / 1000);
        var eastWh = Made(east);
        var southWh = Made(reference);
        Assert.True(eastWh < southWh * 0.8, $"east {eastWh} Wh, south {southWh} Wh");

        var eastYield = PeerYields.Of(new CompletedYield(window, eastWh), new InverterSettings("127.0.0.1", 62_000, DcCapacityW: 4_000, TiltDegrees: 25, AzimuthDegrees: 90), site.Latitude, site.Longitude);
        var southYield = PeerYields.Of(new CompletedYield(window, southWh), new InverterSettings("127.0.0.1", 62_001, DcCapacityW: 4_000), site.Latitude, site.Longitude);
        Assert.NotNull(eastYield);
        Assert.InRange(eastYield.Value / southYield!.Value, 0.98, 1.02);
    }

    [Fact]
    public void An_alert_needs_three_window_ends_below_unless_the_day_decides()
    {
        var options = new AlertRuleOptions();
        var book = new AlertBook([], options, "home", "inv-1");
        var transitions = new List<AlertTransition>();
        var below = new AlertObservation(AlertKind.Underproducing, AlertCondition.Present, "low", "low");

        book.Observe([below], Noon, transitions);
        book.Observe([below], Noon.AddHours(1), transitions);
        Assert.Empty(transitions);
        book.Observe([below], Noon.AddHours(2), transitions);
        Assert.Single(transitions);

        var other = new AlertBook([], options, "home", "inv-2");
        transitions.Clear();
        other.Observe([below with { Decisive = true }], Noon, transitions);
        Assert.Single(transitions);
    }

    [Fact]
    public void Its_peers_are_the_nearest_within_the_radius_so_a_cloudier_part_of_the_region_does_not_count()
    {
        // Ten neighbours within 3 km under the same clouds as it; twenty more 15-20 km away in the sun.
        var candidates = new List<PeerYield>();
        for (var i = 0; i < 10; i++)
        {
            candidates.Add(new PeerYield($"near-{i}", 37.40 + (0.002 * i), -122.10, 0.40));
        }

        for (var i = 0; i < 20; i++)
        {
            candidates.Add(new PeerYield($"far-{i}", 37.55 + (0.002 * i), -122.10, 0.80));
        }

        candidates.Add(new PeerYield("self", 37.40, -122.10, 0.38));

        var nearest = PeerMedian.Around(candidates, 37.40, -122.10, radiusKm: 25, nearest: 10, except: "self");
        var all = PeerMedian.Around(candidates, 37.40, -122.10, radiusKm: 25, nearest: 1_000, except: "self");

        Assert.Equal(new PeerMedian(0.40, 10), nearest);
        Assert.Equal(30, all.Count);
        Assert.Equal(AlertCondition.Absent, UnderproductionRules.Judge(new YieldWindow(Noon, TimeSpan.FromHours(1)), 0.38, nearest, Options).Condition);
        Assert.Equal(AlertCondition.Present, UnderproductionRules.Judge(new YieldWindow(Noon, TimeSpan.FromHours(1)), 0.38, all, Options).Condition);
    }

    private static AlertObservation Judge(long ownWh, int capacityW, params double[] peers) =>
        UnderproductionRules.Judge(new YieldWindow(Noon, TimeSpan.FromHours(1)), ownWh / (double)capacityW, PeerMedian.Of(peers), Options);
}

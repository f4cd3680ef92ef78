using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Underproduction;
using SolarFleet.Solar;
using SolarFleet.Solar.Sky;

namespace SolarFleet.Grains.Tests.Alerts;

/// <summary>Underproduction of an inverter without peers, against its own output in full sun, with plain values.</summary>
public sealed class OwnClearSkyTests
{
    private const int CapacityW = 4_000;
    private static readonly UnderproductionOptions Options = new();
    private static readonly DateOnly FirstDay = new(2026, 6, 1);
    private static readonly GeoPoint Site = new(37.4, -122.1);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void A_window_counts_the_sun_between_clouds_not_the_shadows()
    {
        List<double> passingClouds = [0.3, 0.3, 0.8, 0.3, 0.3, 0.8, 0.3, 0.3, 0.8, 0.3];
        Assert.Equal(0.8, OwnClearSkyRules.WindowClearness(passingClouds));
        Assert.Null(OwnClearSkyRules.WindowClearness([0.8, 0.8]));
    }

    [Fact]
    public void Its_full_sun_is_learned_from_its_second_best_day_and_not_from_days_judged_underproducing()
    {
        List<OwnOutputDay> days =
        [
            new(FirstDay, 0.5),
            new(FirstDay.AddDays(1), 0.82),
            new(FirstDay.AddDays(2), 0.95, Underproducing: true),
            new(FirstDay.AddDays(3), 0.78),
        ];

        Assert.Equal(0.78, OwnClearSkyRules.Scale(days, FirstDay.AddDays(4), Options));

        // Fewer than three days to learn from, or days older than the learning span, teach nothing yet.
        Assert.Null(OwnClearSkyRules.Scale(days, FirstDay.AddDays(3), Options));
        Assert.Null(OwnClearSkyRules.Scale(days, FirstDay.AddDays(32), Options));
    }

    [Fact]
    public void A_day_is_underproducing_only_when_no_hour_of_the_last_days_came_near_its_full_sun()
    {
        var learned = Enumerable.Range(0, 5).Select(i => new OwnOutputDay(FirstDay.AddDays(i), 0.8)).ToList();
        var judged = FirstDay.AddDays(6);

        var dim = learned.Append(new OwnOutputDay(judged.AddDays(-1), 0.5)).Append(new OwnOutputDay(judged, 0.5)).ToList();
        var verdict = OwnClearSkyRules.JudgeDay(judged, dim, Options);
        Assert.Equal(AlertCondition.Present, verdict.Condition);
        Assert.True(verdict.Decisive);
        Assert.Equal(0.625, verdict.Figures!["ratio"]);
        Assert.Contains("compared with itself", verdict.Detail, StringComparison.Ordinal);

        // One sunny hour the day before says the array was whole then: today's grey is weather.
        var sunYesterday = learned.Append(new OwnOutputDay(judged.AddDays(-1), 0.78)).Append(new OwnOutputDay(judged, 0.5)).ToList();
        Assert.Equal(AlertCondition.Absent, OwnClearSkyRules.JudgeDay(judged, sunYesterday, Options).Condition);

        // A day not heard (unreachable) or too little learned: not known.
        var gap = learned.Append(new OwnOutputDay(judged, 0.5)).ToList();
        Assert.Equal(AlertCondition.Unknown, OwnClearSkyRules.JudgeDay(judged, gap, Options).Condition);
        Assert.Equal(AlertCondition.Unknown, OwnClearSkyRules.JudgeDay(FirstDay.AddDays(2), dim, Options).Condition);
    }

    [Fact]
    public void An_inverter_alone_learns_its_full_sun_raises_after_two_dim_days_and_clears_in_the_sun()
    {
        var own = new OwnClearSky(new OwnOutputTrack(), Options, Registration(), Zone);
        for (var day = 0; day < 4; day++)
        {
            Assert.Equal(AlertCondition.Unknown, LiveDay(own, FirstDay.AddDays(day), _ => 0.8).Condition);
        }

        // A string lost: half the output, all day, two days running. After the first, the sunny day before still
        // speaks for it: one inverter cannot tell a dim day from a fault.
        Assert.NotEqual(AlertCondition.Present, LiveDay(own, FirstDay.AddDays(4), _ => 0.4).Condition);
        var raised = LiveDay(own, FirstDay.AddDays(5), _ => 0.4);
        Assert.Equal(AlertCondition.Present, raised.Condition);
        Assert.InRange(raised.Figures!["ratio"], 0.49, 0.51);

        // Mended: its first full-sun hour clears it, and the dim days taught it nothing.
        var windows = new List<AlertObservation>();
        LiveDay(own, FirstDay.AddDays(6), _ => 0.8, windows);
        Assert.Contains(windows, w => w.Condition == AlertCondition.Absent);
        Assert.DoesNotContain(windows, w => w.Condition == AlertCondition.Present);
        Assert.All(own.Days.Where(d => d.Date >= FirstDay.AddDays(4) && d.Date <= FirstDay.AddDays(5)), d => Assert.True(d.Underproducing));
    }

    [Fact]
    public void Passing_clouds_day_after_day_do_not_make_an_inverter_alone_underproducing()
    {
        var own = new OwnClearSky(new OwnOutputTrack(), Options, Registration(), Zone);
        for (var day = 0; day < 4; day++)
        {
            LiveDay(own, FirstDay.AddDays(day), _ => 0.8);
        }

        // Clouds take 70 % of the light two polls in three, for three days.
        for (var day = 4; day < 7; day++)
        {
            Assert.NotEqual(AlertCondition.Present, LiveDay(own, FirstDay.AddDays(day), poll => poll % 3 == 0 ? 0.8 : 0.24).Condition);
        }
    }

    [Fact]
    public void A_new_nameplate_or_array_starts_the_learning_again_and_a_new_poll_period_does_not()
    {
        var state = new SolarFleet.Grains.Inverters.InverterState();
        var alerts = new InverterAlerts(state.AlertTracks, state.OwnOutput, new AlertRuleOptions(), "home", "inv-01");
        var registration = Registration();
        alerts.Locate(registration);
        state.OwnOutput.Days.Add(new OwnOutputDay(FirstDay, 0.8));

        alerts.Locate(registration with { Settings = registration.Settings with { PollSeconds = 60 } });
        Assert.Single(state.OwnOutput.Days);

        alerts.Locate(registration with { Settings = registration.Settings with { DcCapacityW = 6_000 } });
        Assert.Empty(state.OwnOutput.Days);
    }

    private static InverterRegistration Registration() =>
        new("home", "inv-01", Zone.Id, new InverterSettings("127.0.0.1", 62000, 300, DcCapacityW: CapacityW), Site.Latitude, Site.Longitude);

    // A site-local day polled every 5 minutes, its power the clear-sky light times clearness(poll), then the day judged
    // as the grain judges it after midnight; each daylight window's verdict goes to windows.
    private static AlertObservation LiveDay(OwnClearSky own, DateOnly date, Func<int, double> clearness, List<AlertObservation>? windows = null)
    {
        var day = YieldWindow.Day(date, Zone);
        var orientation = ArrayOrientation.Reference(Site.Latitude);
        var poll = 0;
        for (var at = day.Start; at < day.End; at += TimeSpan.FromMinutes(5), poll++)
        {
            var light = ClearSky.PlaneOfArray(Site, at, orientation);
            own.Observe(at, date, (int)Math.Round(CapacityW * light / 1000 * clearness(poll)));
            if (windows is not null && at.Minute == 5)
            {
                windows.Add(own.Judge(new YieldWindow(at.AddMinutes(-65), TimeSpan.FromHours(1))));
            }
        }

        own.Observe(day.End, date.AddDays(1), 0);
        return own.Judge(day);
    }
}

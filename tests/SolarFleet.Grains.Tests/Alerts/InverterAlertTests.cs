using SolarFleet.Abstractions.Alerts;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Alerts;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Inverters;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Readings;
using SolarFleet.Solar;
using SolarFleet.Solar.Position;

namespace SolarFleet.Grains.Tests.Alerts;

/// <summary>An inverter's alerts as an installer meets them, driven through <see cref="InverterMonitor"/> with plain values.</summary>
public sealed class InverterAlertTests
{
    // Phoenix keeps standard time all year (UTC-7): midsummer sun well up from about 06:20 to 18:30.
    private const string Zone = "America/Phoenix";
    private static readonly GeoPoint Phoenix = new(33.45, -112.07);
    private static readonly TimeZoneInfo PhoenixZone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private static readonly DateTimeOffset Midnight = new(2026, 6, 21, 0, 0, 0, TimeSpan.FromHours(-7));

    private readonly List<DailyEnergy> _rows = [];
    private readonly List<AlertTransition> _seen = [];
    private InverterMonitor _monitor;

    public InverterAlertTests()
    {
        _monitor = Monitor(new InverterRegistration("home", "inv-1", Zone, new InverterSettings("127.0.0.1", 62_000), Phoenix.Latitude, Phoenix.Longitude));
    }

    [Fact]
    public void An_inverter_dark_all_day_is_raised_once_within_half_an_hour_of_the_sun_being_well_up()
    {
        var yesterdayEvening = Midnight.DateTime.AddHours(-5);
        for (var at = Midnight.AddHours(4); at <= Midnight.AddHours(14); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 3, power: 0, timestamp: yesterdayEvening);
        }

        var raised = Assert.Single(_seen);
        Assert.Equal(AlertKind.DarkInDaylight, raised.Alert.Kind);
        Assert.Equal(AlertSeverity.Critical, raised.Alert.Severity);
        Assert.Equal("Has not woken in daylight", raised.Alert.Summary);
        var window = ElevationWindow.For(Phoenix, DateOnly.FromDateTime(Midnight.DateTime), PhoenixZone, 12);
        var sunWellUp = window.Rises!.Value;
        Assert.InRange(raised.Alert.RaisedAt, sunWellUp, sunWellUp.AddMinutes(30));
        Assert.True(raised.Alert.Figures["sunElevationDeg"] >= 12);
        Assert.Contains("site's coordinates", raised.Alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_observed_only_clear_holds_no_track_and_one_clear_again_before_raising_leaves_none()
    {
        // Each track is kept in memory and in stored state for the life of the inverter: empty ones are waste.
        var tracks = new Dictionary<AlertKind, AlertTrack>();
        var book = new AlertBook(tracks, new AlertRuleOptions(), "home", "inv-1");
        var transitions = new List<AlertTransition>();
        var clear = new AlertObservation(AlertKind.Underproducing, AlertCondition.Absent);

        book.Observe([clear], Midnight, transitions);
        Assert.Empty(tracks);

        book.Observe([new AlertObservation(AlertKind.Underproducing, AlertCondition.Present, "low", "low")], Midnight.AddHours(1), transitions);
        Assert.Single(tracks);
        book.Observe([clear], Midnight.AddHours(2), transitions);
        Assert.Empty(tracks);
        Assert.Empty(transitions);
    }

    [Fact]
    public void A_healthy_day_and_the_night_around_it_raise_nothing()
    {
        // The Pi's TimeStamp moves while the inverter generates and stops at its last value when it sleeps.
        var lastLive = Midnight.DateTime.AddHours(-5);
        for (var at = Midnight; at < Midnight.AddDays(1); at += TimeSpan.FromMinutes(1))
        {
            var up = SolarPosition.At(Phoenix, at).Elevation > 2;
            lastLive = up ? at.DateTime.AddSeconds(-5) : lastLive;
            Poll(at, status: up ? 7 : 3, power: up ? 1500 : 0, timestamp: lastLive);
        }

        Assert.Empty(_seen);
    }

    [Fact]
    public void Waking_late_resolves_the_dark_alert_after_it_stays_awake_for_the_clear_time()
    {
        var yesterdayEvening = Midnight.DateTime.AddHours(-5);
        var at = Midnight.AddHours(6);
        for (; at <= Midnight.AddHours(10); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 3, power: 0, timestamp: yesterdayEvening);
        }

        var wokeAt = at;
        for (; at <= Midnight.AddHours(11); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 7, power: 2000, timestamp: at.DateTime.AddSeconds(-5));
        }

        Assert.Equal([AlertTransitionKind.Raised, AlertTransitionKind.Resolved], _seen.Select(t => t.Transition));
        Assert.Equal(wokeAt.AddMinutes(10), _seen[1].Alert.ResolvedAt);
        Assert.Empty(_monitor.Alerts.Book.Open);
    }

    [Fact]
    public void Going_dark_at_noon_says_it_went_dark_and_not_that_it_never_woke()
    {
        var at = Midnight.AddHours(9);
        for (; at < Midnight.AddHours(12); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 7, power: 2500, today: (long)(at - Midnight.AddHours(9)).TotalMinutes * 40, timestamp: at.DateTime.AddSeconds(-5));
        }

        var darkAt = at;
        for (; at < Midnight.AddHours(13); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 3, power: 0, today: 7160, timestamp: at.DateTime.AddSeconds(-5));
        }

        // A tripped inverter reconnects within five minutes: only ten minutes dark raises.
        var raised = Assert.Single(_seen);
        Assert.Equal("Went dark in daylight", raised.Alert.Summary);
        Assert.Equal(darkAt.AddMinutes(10), raised.Alert.RaisedAt);
    }

    [Fact]
    public void A_generating_status_at_zero_watts_at_noon_is_dark_and_a_pi_that_answers_neither_power_nor_status_says_nothing()
    {
        var at = Midnight.AddHours(12);
        for (var t = at; t <= at.AddMinutes(12); t += TimeSpan.FromMinutes(1))
        {
            Poll(t, status: 7, power: 0);
        }

        Assert.Equal(AlertKind.DarkInDaylight, Assert.Single(_seen).Alert.Kind);

        _seen.Clear();
        _monitor = Monitor(new InverterRegistration("home", "inv-2", Zone, new InverterSettings("127.0.0.1", 62_001), Phoenix.Latitude, Phoenix.Longitude));
        for (var t = at; t <= at.AddMinutes(30); t += TimeSpan.FromMinutes(1))
        {
            _rows.Clear();
            _monitor.OnSuccess(new PiReading { Timestamp = t.DateTime.AddSeconds(-5), GridVoltageV = 240 }, t, _rows);
            _seen.AddRange(_monitor.AlertTransitions);
        }

        Assert.Empty(_seen);
    }

    [Fact]
    public void A_timing_override_of_one_value_keeps_the_other_at_its_default()
    {
        var options = new AlertRuleOptions();
        options.Timing[AlertKind.GridOutOfRange] = new AlertTimingOverride { RaiseAfter = TimeSpan.FromMinutes(5) };

        var timing = options.TimingOf(AlertKind.GridOutOfRange);

        Assert.Equal(TimeSpan.FromMinutes(5), timing.RaiseAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), timing.ClearAfter);
    }

    [Fact]
    public void A_site_without_coordinates_is_judged_from_its_zone_and_says_so_and_one_without_a_placeable_zone_is_not_judged()
    {
        _monitor = Monitor(new InverterRegistration("home", "inv-1", Zone, new InverterSettings("127.0.0.1", 62_000)));
        Assert.True(_monitor.Alerts.Daylight.IsJudged);
        Assert.Contains("approximate", _monitor.Alerts.Daylight.Describe(), StringComparison.Ordinal);
        for (var at = Midnight.AddHours(6); at <= Midnight.AddHours(10); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 3, power: 0, timestamp: Midnight.DateTime.AddHours(-5));
        }

        Assert.Contains("approximate", Assert.Single(_seen).Alert.Detail, StringComparison.Ordinal);

        _seen.Clear();
        _monitor = Monitor(new InverterRegistration("home", "inv-2", "UTC", new InverterSettings("127.0.0.1", 62_001)));
        Assert.False(_monitor.Alerts.Daylight.IsJudged);
        Assert.Contains("off", _monitor.Alerts.Daylight.Describe(), StringComparison.Ordinal);
        for (var at = Midnight.AddHours(6); at <= Midnight.AddHours(14); at += TimeSpan.FromMinutes(1))
        {
            Poll(at, status: 3, power: 0, timestamp: Midnight.DateTime.AddHours(-5));
        }

        Assert.Empty(_seen);
    }

    [Fact]
    public void Unreachable_is_raised_when_health_turns_unreachable_and_resolved_five_minutes_after_the_pi_answers_again()
    {
        var at = Midnight.AddHours(12);
        Poll(at, status: 7, power: 2000);
        var failure = new PiPollFailure(PiFailureKind.ConnectionRefused, "Connection refused by 127.0.0.1:62000.", 0, 8);
        for (var i = 1; i <= FailuresToUnreachable; i++)
        {
            _monitor.OnFailure(failure, at.AddMinutes(i));
            _seen.AddRange(_monitor.AlertTransitions);
        }

        var raised = Assert.Single(_seen);
        Assert.Equal(AlertKind.Unreachable, raised.Alert.Kind);
        Assert.Contains("refused", raised.Alert.Detail, StringComparison.Ordinal);
        Assert.Equal(FailuresToUnreachable, raised.Alert.Figures["consecutiveFailures"]);

        var back = at.AddMinutes(10);
        for (var t = back; t <= back.AddMinutes(6); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000);
        }

        Assert.Equal(back.AddMinutes(5), _seen.Last().Alert.ResolvedAt);
    }

    [Fact]
    public void Grid_voltage_out_of_range_is_raised_after_it_holds_stays_open_inside_the_margin_and_a_single_spike_raises_nothing()
    {
        var at = Midnight.AddHours(12);
        Poll(at, status: 7, power: 2000, voltage: 256);
        Poll(at.AddSeconds(30), status: 7, power: 2000, voltage: 240);
        Assert.Empty(_seen);

        for (var t = at.AddMinutes(1); t <= at.AddMinutes(4); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, voltage: 255.5);
        }

        var raised = Assert.Single(_seen);
        Assert.Equal(AlertKind.GridOutOfRange, raised.Alert.Kind);
        Assert.Equal(at.AddMinutes(3), raised.Alert.RaisedAt);
        Assert.Equal(255.5, raised.Alert.Figures["gridVoltageV"]);
        Assert.Equal(252, raised.Alert.Figures["maxVoltageV"]);
        Assert.Contains("255.5 V", raised.Alert.Detail, StringComparison.Ordinal);

        // 251 V is inside the limit but not by the 2 V margin: the alert stays open however long it lasts.
        for (var t = at.AddMinutes(5); t <= at.AddMinutes(30); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, voltage: 251);
        }

        Assert.Single(_seen);
        for (var t = at.AddMinutes(31); t <= at.AddMinutes(45); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, voltage: 241);
        }

        Assert.Equal(at.AddMinutes(41), _seen.Last().Alert.ResolvedAt);
    }

    [Fact]
    public void Grid_frequency_has_limits_of_its_own()
    {
        var at = Midnight.AddHours(12);
        for (var t = at; t <= at.AddMinutes(3); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, frequency: 59.1);
        }

        var raised = Assert.Single(_seen).Alert;
        Assert.Contains("59.1 Hz is outside 59.3-60.5 Hz", raised.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_powertotal_that_goes_back_for_one_poll_raises_nothing_but_one_that_stays_back_is_a_lifetime_anomaly()
    {
        var at = Midnight.AddHours(12);
        Poll(at, status: 7, power: 2000, total: 5000.0);
        Poll(at.AddSeconds(30), status: 7, power: 2000, total: 4000.0);
        Poll(at.AddSeconds(60), status: 7, power: 2000, total: 5000.01);
        Assert.Empty(_seen);

        for (var t = at.AddMinutes(2); t <= at.AddMinutes(4); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, total: 12.0);
        }

        var raised = Assert.Single(_seen).Alert;
        Assert.Equal(AlertKind.LifetimeAnomaly, raised.Kind);
        Assert.Equal("PowerTotal went backwards", raised.Summary);
        Assert.Equal(12.0, raised.Figures["powerTotalReadKwh"]);
        Assert.Equal(5000.01, raised.Figures["powerTotalKeptKwh"]);
    }

    [Fact]
    public void A_powertotal_that_goes_back_and_counts_on_into_a_new_baseline_within_the_wait_is_still_a_lifetime_anomaly()
    {
        // Polled every 5 s, ten readings make the new count the baseline in under a minute: before the wait is over.
        var at = Midnight.AddHours(12);
        Poll(at, status: 7, power: 2000, total: 5000.0);
        var total = 4500.0;
        for (var t = at.AddSeconds(5); t <= at.AddMinutes(2); t += TimeSpan.FromSeconds(5))
        {
            total += 0.003;
            Poll(t, status: 7, power: 2000, total: Math.Round(total, 3));
        }

        var raised = Assert.Single(_seen).Alert;
        Assert.Equal(AlertKind.LifetimeAnomaly, raised.Kind);
        Assert.Equal("PowerTotal started a new count", raised.Summary);
        Assert.Equal(5000.0, raised.Figures["powerTotalKeptKwh"]);
        Assert.InRange(raised.Figures["powerTotalReadKwh"], 4500.0, 4500.1);
    }

    [Fact]
    public void A_pi_clock_three_hours_ahead_raises_clock_skew_after_ten_minutes_and_is_not_called_stale()
    {
        var at = Midnight.AddHours(10);
        for (var t = at; t <= at.AddMinutes(15); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 7, power: 2000, timestamp: t.DateTime.AddHours(3));
        }

        var raised = Assert.Single(_seen).Alert;
        Assert.Equal(AlertKind.ClockSkew, raised.Kind);
        Assert.Equal(at.AddMinutes(10), raised.RaisedAt);
        Assert.Contains("ahead", raised.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Removal_resolves_every_open_alert_and_says_why()
    {
        var at = Midnight.AddHours(12);
        for (var t = at; t <= at.AddMinutes(3); t += TimeSpan.FromSeconds(30))
        {
            Poll(t, status: 12, power: 0);
        }

        Assert.Equal(AlertKind.Fault, Assert.Single(_seen).Alert.Kind);
        _monitor.ResolveAlerts(at.AddMinutes(5), "the inverter was removed.");
        var resolved = Assert.Single(_monitor.AlertTransitions);
        Assert.Equal(AlertTransitionKind.Resolved, resolved.Transition);
        Assert.EndsWith("Resolved: the inverter was removed.", resolved.Alert.Detail, StringComparison.Ordinal);
        Assert.Equal(_seen[0].Alert.Id, resolved.Alert.Id);
    }

    private static int FailuresToUnreachable => new SolarFleetGrainOptions().UnreachableAfterFailures;

    private static InverterMonitor Monitor(InverterRegistration registration)
    {
        var monitor = new InverterMonitor(registration.SiteId, registration.InverterId, new InverterState(), new SolarFleetGrainOptions(), new AlertRuleOptions());
        monitor.Apply(registration, Midnight);
        return monitor;
    }

    private void Poll(DateTimeOffset at, int status, int power, long today = 0, DateTime? timestamp = null, double voltage = 240, double frequency = 60, double? total = null)
    {
        _rows.Clear();
        var local = TimeZoneInfo.ConvertTime(at, PhoenixZone).DateTime;
        var reading = new PiReading
        {
            PowerNowW = power,
            PowerTodayWh = today,
            PowerTotal = total,
            PowerTotalDecimals = total is null ? null : 2,
            StatusCode = status,
            GridVoltageV = voltage,
            GridFrequencyHz = frequency,
            UptimeSeconds = 86_400,
            Timestamp = timestamp ?? local.AddSeconds(-5),
        };
        _monitor.OnSuccess(reading, at, _rows);
        _seen.AddRange(_monitor.AlertTransitions);
    }
}

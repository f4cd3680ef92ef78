using SolarFleet.Abstractions.Energy;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Grains.Hosting;
using SolarFleet.Grains.Inverters;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Units;

public sealed class InverterMonitorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly InverterRegistration Registration =
        new("home", "inv-1", "UTC", new InverterSettings("127.0.0.1", 50_000));

    private readonly SolarFleetGrainOptions _options = new();
    private readonly InverterMonitor _monitor;
    private readonly List<DailyEnergy> _rows = [];

    public InverterMonitorTests()
    {
        _monitor = new InverterMonitor("home", "inv-1", new InverterState(), _options);
        _monitor.Apply(Registration, Noon.AddMinutes(-1));
        _monitor.MarkWritten(Noon.AddMinutes(-1));
    }

    [Fact]
    public void Is_pending_until_the_first_poll_result()
    {
        Assert.Equal(InverterHealth.Pending, _monitor.State.Health);
        Assert.Equal("No data", _monitor.Snapshot(Noon).StatusText);
        Assert.Equal(0, _monitor.Snapshot(Noon).PowerW);
    }

    [Fact]
    public void A_repeated_registration_changes_nothing_and_a_changed_one_says_what()
    {
        Assert.Equal(RegistrationChange.None, _monitor.Apply(Registration, Noon));

        var moved = Registration with { Settings = Registration.Settings with { Port = 50_001, PollSeconds = 30 } };
        Assert.Equal(RegistrationChange.Endpoint | RegistrationChange.PollPeriod, _monitor.Apply(moved, Noon));
        Assert.Equal(TimeSpan.FromSeconds(30), _monitor.PollPeriod);
    }

    [Fact]
    public void Becomes_unreachable_after_the_threshold_since_the_first_failure_and_backs_off()
    {
        Good(Noon, power: 2000);
        var failure = new PiPollFailure(PiFailureKind.ConnectionRefused, "Connection refused by 127.0.0.1:50000.", 0, 8);

        var first = _monitor.OnFailure(failure, Noon.AddSeconds(23));
        Assert.Equal(InverterHealth.Online, first.Health);
        Assert.False(first.PersistNow);
        Assert.Equal(TimeSpan.FromSeconds(46), _monitor.NextDelay());
        _monitor.OnFailure(failure, Noon.AddSeconds(69));
        Assert.Equal(TimeSpan.FromSeconds(92), _monitor.NextDelay());

        var third = _monitor.OnFailure(failure, Noon.AddSeconds(161));
        Assert.True(third.HealthChanged);
        Assert.True(third.PersistNow);
        Assert.Equal(InverterHealth.Unreachable, _monitor.State.Health);
        Assert.Equal(Noon.AddSeconds(23), _monitor.State.HealthSince);
        Assert.Equal("refused: Connection refused by 127.0.0.1:50000.", _monitor.Snapshot(Noon).LastError);
        Assert.Equal(3, _monitor.Snapshot(Noon).ConsecutiveFailures);
        Assert.Equal(0, _monitor.Snapshot(Noon).PowerW);

        var back = Good(Noon.AddSeconds(345), power: 1500);
        Assert.True(back.HealthChanged);
        Assert.Equal(InverterHealth.Online, back.Health);
        Assert.Equal(TimeSpan.FromSeconds(23), _monitor.NextDelay());
        Assert.Equal(1500, _monitor.Snapshot(Noon).PowerW);
    }

    [Fact]
    public void A_poll_the_target_policy_refuses_counts_like_any_failure_and_last_error_says_why()
    {
        var refused = new PiPollFailure(PiFailureKind.NotAllowed, "the policy does not allow polling 169.254.169.254 (link-local)", 0, 8);

        for (var i = 0; i < _options.UnreachableAfterFailures; i++)
        {
            _monitor.OnFailure(refused, Noon.AddSeconds(23 * i));
        }

        Assert.Equal(InverterHealth.Unreachable, _monitor.State.Health);
        Assert.Equal(_options.UnreachableAfterFailures, _monitor.Snapshot(Noon).ConsecutiveFailures);
        Assert.Equal("not_allowed: the policy does not allow polling 169.254.169.254 (link-local)", _monitor.Snapshot(Noon).LastError);
    }

    [Fact]
    public void Steady_polls_are_not_written_until_the_write_interval_is_up()
    {
        var first = Good(Noon, power: 1000, today: 100);
        Assert.True(first.PersistNow); // Pending -> Online is a transition.
        _monitor.MarkWritten(Noon);

        for (var i = 1; i < 13; i++)
        {
            Assert.False(Good(Noon.AddSeconds(23 * i), power: 1000 + i, today: 100 + i).PersistNow);
        }

        Assert.True(Good(Noon.AddMinutes(5), power: 1100, today: 130).PersistNow);
    }

    [Fact]
    public void A_restart_carry_is_written_at_once()
    {
        Good(Noon, today: 5000);
        _monitor.MarkWritten(Noon);

        var restart = Good(Noon.AddSeconds(23), today: 10, uptime: 20);

        Assert.False(restart.HealthChanged);
        Assert.True(restart.PersistNow);
        Assert.Equal(5010, _monitor.Snapshot(Noon).EnergyTodayWh);
    }

    [Fact]
    public void The_summary_is_offered_only_when_something_a_site_shows_changed()
    {
        Good(Noon, power: 1000, today: 100);
        Assert.NotNull(_monitor.TakeSummaryIfChanged(Noon));
        Assert.Null(_monitor.TakeSummaryIfChanged(Noon.AddSeconds(1)));

        Good(Noon.AddSeconds(23), power: 1000, today: 100, voltage: 241.5);
        Assert.Null(_monitor.TakeSummaryIfChanged(Noon.AddSeconds(23)));

        Good(Noon.AddSeconds(46), power: 1200, today: 108);
        var changed = Assert.NotNull(_monitor.TakeSummaryIfChanged(Noon.AddSeconds(46)));
        Assert.Equal(1200, changed.PowerW);
        Assert.Equal(108, changed.EnergyTodayWh);
        Assert.Equal(new DateOnly(2026, 6, 21), changed.LocalDate);
    }

    [Fact]
    public void Ledger_rows_that_changed_are_handed_out_and_lifetime_follows_the_unit()
    {
        var wattHours = Registration with { Settings = Registration.Settings with { PowerTotalUnit = PowerTotalUnit.WattHours } };
        Assert.Equal(RegistrationChange.PowerTotalUnit, _monitor.Apply(wattHours, Noon));

        Good(Noon, today: 2000, powerTotal: 12_345_678);

        var row = Assert.Single(_rows);
        Assert.Equal(2000, row.EnergyWh);
        Assert.Equal(12_345.678, row.LifetimeEndKwh);
        Assert.Equal(12_345.678, _monitor.Snapshot(Noon).LifetimeEnergyKwh);
    }

    [Fact]
    public void The_snapshot_lists_what_the_pi_does_not_support()
    {
        _monitor.OnSuccess(
            new PiReading { StatusCode = 7, PowerNowW = 10, Timestamp = Noon.DateTime, Unsupported = PiQuerySet.GridHZ | PiQuerySet.UpTime },
            Noon,
            _rows);

        Assert.Equal(["GridHZ", "UpTime"], _monitor.Snapshot(Noon).Unsupported);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(-180)]
    [InlineData(-600)]
    public void A_pi_whose_clock_runs_behind_is_online_while_its_timestamp_moves_and_stale_once_it_stops(int minutesBehind)
    {
        // Noon UTC on the poll clock; the Pi's clock (and so its TimeStamp) runs behind, by minutes or by hours. At first
        // sight an old TimeStamp may be old values; once it moves, its age is the clock's lag.
        for (var poll = 0; poll < 10; poll++)
        {
            var at = Noon.AddSeconds(23 * poll);
            Good(at, power: 2500, clockOffset: TimeSpan.FromMinutes(minutesBehind));
            if (poll > 0)
            {
                Assert.Equal(InverterHealth.Online, _monitor.State.Health);
            }
        }

        var frozen = _monitor.State.Timestamp!.Value;
        for (var poll = 10; poll < 16; poll++)
        {
            Good(Noon.AddSeconds(23 * poll), power: 2500, timestamp: frozen);
        }

        Assert.Equal(InverterHealth.Stale, _monitor.State.Health);
    }

    [Theory]
    [InlineData(180)]
    [InlineData(-20)]
    public void A_pi_whose_clock_is_set_back_stays_online_while_its_timestamp_moves(int minutesAheadBefore)
    {
        // The Pi's clock was ahead (by hours, or by minutes) and is put right: its TimeStamps now read earlier than
        // before, but they move, so its values are fresh.
        var clock = TimeSpan.FromMinutes(minutesAheadBefore);
        for (var poll = 0; poll < 30; poll++)
        {
            if (poll == 10)
            {
                clock = minutesAheadBefore > 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(minutesAheadBefore - 30);
            }

            Good(Noon.AddSeconds(23 * poll), power: 2500, clockOffset: clock);
            if (poll > 0)
            {
                Assert.Equal(InverterHealth.Online, _monitor.State.Health);
            }
        }
    }

    [Fact]
    public void A_moving_timestamp_hours_behind_the_site_clock_is_clock_skewed_and_its_energy_dated_by_the_poll()
    {
        // 02:00 on the site's clock while the Pi says 20:00 the evening before, and keeps moving.
        var night = new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero);
        Good(night, power: 800, today: 100, clockOffset: TimeSpan.FromHours(-6));
        Good(night.AddSeconds(23), power: 800, today: 105, clockOffset: TimeSpan.FromHours(-6));

        Assert.NotNull(_monitor.State.ClockSkew);
        Assert.Contains("behind", _monitor.State.ClockSkew, StringComparison.Ordinal);
        Assert.Equal(InverterHealth.Online, _monitor.State.Health);
        Assert.Equal(new DateOnly(2026, 6, 22), _rows.Single().Date);
    }

    [Fact]
    public void Its_cadence_says_whether_the_pi_has_answered_and_whether_it_is_failing()
    {
        Assert.False(_monitor.HasAnswered);
        Assert.False(_monitor.IsFailing);

        _monitor.OnPoll(PiPollResult.Success(new PiReading { PowerNowW = 900, Timestamp = Noon.DateTime }, TimeSpan.FromMilliseconds(20)), Noon, _rows);
        Assert.True(_monitor.HasAnswered);
        Assert.False(_monitor.IsFailing);

        var refused = new PiPollFailure(PiFailureKind.ConnectionRefused, "Connection refused by 127.0.0.1:50000.", 0, 0);
        _monitor.OnPoll(PiPollResult.Failed(refused, TimeSpan.FromMilliseconds(3)), Noon.AddSeconds(23), _rows);
        Assert.True(_monitor.HasAnswered);
        Assert.True(_monitor.IsFailing);
        Assert.Equal(TimeSpan.FromSeconds(46), _monitor.NextDelay());
    }

    [Fact]
    public void A_poll_result_with_neither_a_reading_nor_a_failure_counts_as_a_network_failure()
    {
        var outcome = _monitor.OnPoll(default, Noon, _rows);

        Assert.Equal(1, _monitor.State.ConsecutiveFailures);
        Assert.Equal(InverterHealth.Pending, outcome.Health);
        Assert.StartsWith("network_error: The poll returned neither a reading nor a failure", _monitor.State.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Held_rows_are_those_in_the_range_asked_and_a_range_that_ends_before_it_starts_is_refused()
    {
        Good(Noon, today: 1_500);
        Good(Noon.AddDays(1), today: 700);

        Assert.Equal([new DateOnly(2026, 6, 22)], _monitor.HeldRows(new DateOnly(2026, 6, 22), new DateOnly(2026, 6, 30), Noon.AddDays(1)).Select(row => row.Date));
        Assert.Equal(2, _monitor.HeldRows(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), Noon.AddDays(1)).Count);
        var refused = Assert.Throws<ArgumentException>(() => _monitor.HeldRows(new DateOnly(2026, 6, 22), new DateOnly(2026, 6, 21), Noon));
        Assert.Contains("2026-06-22..2026-06-21 ends before it starts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inverter_never_registered_holds_no_rows()
    {
        var unregistered = new InverterMonitor("home", "inv-2", new InverterState(), _options);

        Assert.Empty(unregistered.HeldRows(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), Noon));
    }

    private PollOutcome Good(
        DateTimeOffset at, int power = 1000, long today = 0, double? voltage = 240.1, double? powerTotal = null, long uptime = 3600, TimeSpan? clockOffset = null, DateTime? timestamp = null)
    {
        _rows.Clear();
        var reading = new PiReading
        {
            PowerNowW = power,
            PowerTodayWh = today,
            PowerTotal = powerTotal,
            StatusCode = 7,
            GridVoltageV = voltage,
            GridFrequencyHz = 60.0,
            UptimeSeconds = uptime,
            Timestamp = timestamp ?? at.DateTime.AddSeconds(-5) + (clockOffset ?? TimeSpan.Zero),
        };
        return _monitor.OnSuccess(reading, at, _rows);
    }
}

using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Tests.Units;

public sealed class EnergyLedgerTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly DateOnly Day1 = new(2026, 6, 20);
    private static readonly DateOnly Day2 = new(2026, 6, 21);

    private readonly EnergyLedgerState _state = new();
    private readonly List<DayEnergyState> _changed = [];
    private readonly EnergyLedger _ledger;

    public EnergyLedgerTests() => _ledger = new EnergyLedger(_state, daysKept: 3, clockSkewTolerance: TimeSpan.FromMinutes(10));

    [Fact]
    public void Daily_energy_is_the_largest_power_today_of_the_date()
    {
        Read(Day1, "10:00", 100);
        Read(Day1, "11:00", 2500);
        Read(Day1, "12:00", 2500);

        Assert.Equal(2500, Energy(Day1));
        Assert.Equal(Day1, _ledger.LatestReadingDate);
    }

    [Fact]
    public void A_drop_with_uptime_reset_is_a_restart_that_keeps_the_energy_before_it_and_says_why()
    {
        Read(Day1, "12:00", 3000, uptime: 14_000);
        var events = Read(Day1, "12:01", 40, uptime: 30);
        Read(Day1, "12:20", 900, uptime: 1_000);

        Assert.True(events.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(3900, Energy(Day1));
        var row = Row(Day1);
        Assert.Equal(1, row.Restarts);
        Assert.Equal(0, row.Anomalies);
        var restart = Assert.Single(row.AuditEntries, e => e.Kind == LedgerAuditKind.Restart);
        Assert.Contains("UpTime went back from 14000 s to 30 s", restart.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_restarts_in_a_day_carry_both_stretches()
    {
        Read(Day1, "10:00", 1000, uptime: 4000);
        Read(Day1, "10:01", 0, uptime: 0);
        Read(Day1, "11:00", 500, uptime: 3000);
        Read(Day1, "11:01", 20, uptime: 10);
        Read(Day1, "12:00", 300, uptime: 3000);

        Assert.Equal(1800, Energy(Day1));
        Assert.Equal(2, Row(Day1).Restarts);
    }

    [Fact]
    public void A_drop_while_uptime_goes_on_is_a_misread_set_aside_never_added()
    {
        Read(Day1, "12:00", 5000, uptime: 20_000, lifetime: 100.000);
        var misread = Read(Day1, "12:00:23", 0, uptime: 20_023, lifetime: 100.025);
        Read(Day1, "12:00:46", 5050, uptime: 20_046, lifetime: 100.050);

        Assert.True(misread.HasFlag(LedgerEvents.Anomaly));
        Assert.False(misread.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(5050, Energy(Day1));
        var row = Row(Day1);
        Assert.Equal(1, row.Anomalies);
        Assert.Equal(0, row.Restarts);
        Assert.Contains("while UpTime went on", row.LastAnomaly, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_misreads_in_a_day_leave_the_day_as_the_inverter_counted_it()
    {
        // The case: each misread of 0 used to count the day again (tripling it).
        var lifetime = 200.000;
        long today = 0;
        for (var step = 0; step < 40; step++)
        {
            today += 25;
            lifetime += 0.025;
            var shown = step is 10 or 30 ? 0 : today;
            Read(Day1, TimeOnly.FromTimeSpan(TimeSpan.FromHours(11) + TimeSpan.FromSeconds(23 * step)), shown, uptime: 10_000 + (23 * step), lifetime: lifetime);
        }

        Assert.Equal(1000, Energy(Day1));
        Assert.Equal(2, Row(Day1).Anomalies);
    }

    [Fact]
    public void A_pi_alternating_an_impossible_value_and_zero_adds_nothing()
    {
        var lifetime = 300.000;
        long today = 4000;
        Read(Day1, "11:00", today, uptime: 12_000, lifetime: lifetime);
        for (var step = 1; step <= 20; step++)
        {
            today += 25;
            lifetime += 0.025;
            Read(Day1, TimeOnly.FromTimeSpan(TimeSpan.FromHours(11) + TimeSpan.FromSeconds(23 * step)), step % 2 == 1 ? 100_000 : 0, uptime: 12_000 + (23 * step), lifetime: lifetime);
        }

        Read(Day1, "11:10", today + 25, uptime: 12_600, lifetime: lifetime + 0.025);

        Assert.Equal(today + 25, Energy(Day1));
        Assert.Equal(20, Row(Day1).Anomalies);
    }

    [Fact]
    public void A_rise_beyond_what_power_total_grew_by_since_the_day_began_is_set_aside()
    {
        Read(Day1.AddDays(-1), "20:00", 15_000, uptime: 40_000, lifetime: 1000.000);
        Read(Day1, "09:00", 800, uptime: 3000, lifetime: 1000.800);

        var impossible = Read(Day1, "09:00:23", 9_000, uptime: 3023, lifetime: 1000.826);
        Read(Day1, "09:00:46", 850, uptime: 3046, lifetime: 1000.850);

        Assert.True(impossible.HasFlag(LedgerEvents.Anomaly));
        Assert.Equal(850, Energy(Day1));
        Assert.Equal(LedgerAuditKind.ImpossibleRise, Assert.Single(Row(Day1).AuditEntries).Kind);
    }

    [Fact]
    public void A_first_reading_beyond_what_uptime_allows_is_set_aside()
    {
        var events = Read(Day1, "07:00", 100_000, uptime: 60);
        Read(Day1, "07:00:23", 5, uptime: 83);

        Assert.True(events.HasFlag(LedgerEvents.Anomaly));
        Assert.Equal(5, Energy(Day1));
    }

    [Fact]
    public void A_restart_the_next_reading_contradicts_is_taken_back_and_the_day_is_corrected()
    {
        Read(Day1, "12:00", 6000, uptime: 20_000, lifetime: 50.000);
        Read(Day1, "12:00:23", 20, uptime: 0, lifetime: 50.026);
        var next = Read(Day1, "12:00:46", 6052, uptime: 20_046, lifetime: 50.052);

        Assert.True(next.HasFlag(LedgerEvents.Corrected));
        var row = Row(Day1);
        Assert.Equal(6052, row.EnergyWh);
        Assert.Equal(0, row.Restarts);
        Assert.Equal(1, row.Epoch);
        Assert.Contains(row.AuditEntries, e => e.Kind == LedgerAuditKind.RestartTakenBack);
    }

    [Fact]
    public void A_counter_showing_more_after_uptime_went_back_than_power_total_made_since_is_set_aside_not_a_restart()
    {
        Read(Day1, "12:00", 6000, uptime: 20_000, lifetime: 50.000);
        var events = Read(Day1, "12:00:23", 300, uptime: 0, lifetime: 50.026);

        Assert.False(events.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(0, Row(Day1).Restarts);
        Assert.Contains("UpTime back at 0 s", Row(Day1).LastAnomaly, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_uptime_a_drop_is_a_restart_only_once_power_today_rises_with_power_total()
    {
        Read(Day1, "12:00", 7000, lifetime: 10.000);
        Read(Day1, "12:05", 0, lifetime: 10.000);
        Assert.Equal(7000, Energy(Day1));
        var confirmed = Read(Day1, "12:10", 200, lifetime: 10.200);
        Read(Day1, "12:15", 400, lifetime: 10.400);

        Assert.True(confirmed.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(7400, Energy(Day1));
        Assert.Contains("Pi does not answer UpTime", Assert.Single(Row(Day1).AuditEntries, e => e.Kind == LedgerAuditKind.Restart).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_uptime_a_drop_that_comes_back_is_a_misread()
    {
        Read(Day1, "12:00", 7000, lifetime: 10.000);
        Read(Day1, "12:05", 0, lifetime: 10.100);
        Read(Day1, "12:10", 0, lifetime: 10.200);
        Read(Day1, "12:15", 7300, lifetime: 10.300);

        Assert.Equal(7300, Energy(Day1));
        var row = Row(Day1);
        Assert.Equal(0, row.Restarts);
        Assert.Equal(1, row.Anomalies);
        Assert.Contains("for 2 polls", row.LastAnomaly, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_uptime_or_power_total_a_drop_is_a_misread()
    {
        Read(Day1, "12:00", 7000);
        var drop = Read(Day1, "12:05", 10);
        Read(Day1, "12:10", 7100);

        Assert.False(drop.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(7100, Energy(Day1));
        Assert.Contains("neither UpTime nor PowerTotal", Row(Day1).LastAnomaly, StringComparison.Ordinal);
    }

    [Fact]
    public void While_power_today_is_set_aside_or_missing_power_total_bridges_the_day_and_says_so()
    {
        Read(Day1, "12:00", 5000, uptime: 20_000, lifetime: 80.000);
        Read(Day1, "12:30", null, uptime: 21_800, lifetime: 81.500);

        var row = Row(Day1);
        Assert.Equal(6499, row.EnergyWh);
        Assert.Equal(5000, row.PowerTodayWh);
        Assert.Equal(1499, row.BridgedWh);

        Read(Day1, "13:00", 8000, uptime: 23_600, lifetime: 83.000);
        row = Row(Day1);
        Assert.Equal(8000, row.EnergyWh);
        Assert.Equal(8000, row.PowerTodayWh);
        Assert.Equal(0, row.BridgedWh);
    }

    [Fact]
    public void Without_power_today_the_lifetime_growth_over_the_date_fills_it()
    {
        Read(Day1, "10:00", null, lifetime: 5000.0);
        Read(Day1, "16:00", null, lifetime: 5012.0);
        Read(Day2, "10:00", null, lifetime: 5012.5);
        Read(Day2, "16:00", null, lifetime: 5030.25);

        Assert.Equal(12_000, Energy(Day1));
        Assert.Equal(12_000, Row(Day1).BridgedWh);

        // Day 2 starts where day 1 ended, so energy between the last poll of day 1 and the first of day 2 is kept.
        Assert.Equal(18_250, Energy(Day2));
    }

    [Fact]
    public void Lifetime_that_goes_back_is_one_anomaly_per_run_never_negative_energy()
    {
        Read(Day1, "10:00", 100, lifetime: 1000.0);
        Read(Day1, "10:10", 200, lifetime: 1000.2);
        var first = Read(Day1, "10:20", 300, lifetime: 990.0);
        var repeated = Read(Day1, "10:30", 400, lifetime: 990.0);
        Read(Day1, "10:40", 500, lifetime: 1000.5);

        Assert.True(first.HasFlag(LedgerEvents.Anomaly));
        Assert.False(repeated.HasFlag(LedgerEvents.Anomaly));
        var day = _ledger.Find(Day1)!;
        Assert.Equal(1, day.Anomalies);
        Assert.Contains("990", day.LastAnomaly, StringComparison.Ordinal);
        Assert.Equal(1000.5, _ledger.LifetimeKwh);
        Assert.Equal(1000.5, day.LifetimeEndKwh);
        Assert.Equal(500, Energy(Day1));
    }

    [Fact]
    public void Lifetime_that_jumps_is_set_aside_and_a_counter_that_starts_a_new_count_becomes_the_baseline()
    {
        Read(Day1, "10:00", 100, uptime: 900, lifetime: 2000.0);
        var jump = Read(Day1, "10:00:23", 126, uptime: 923, lifetime: 9000.0);
        Assert.True(jump.HasFlag(LedgerEvents.Anomaly));
        Assert.Equal(2000.0, _ledger.LifetimeKwh);

        // A replaced inverter behind the same Pi: a low counter that keeps counting on its own.
        for (var step = 0; step < LifetimeRules.NewCountAfter; step++)
        {
            Read(Day1, TimeOnly.FromTimeSpan(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(step)), 200 + step, uptime: 4000 + (60 * step), lifetime: 5.0 + (step * 0.05));
        }

        Assert.Equal(5.0 + ((LifetimeRules.NewCountAfter - 1) * 0.05), _ledger.LifetimeKwh!.Value, 6);
        Assert.Contains(Row(Day1).AuditEntries, e => e.Kind == LedgerAuditKind.LifetimeNewCount && e.Detail.Contains("new baseline", StringComparison.Ordinal));
    }

    [Fact]
    public void The_day_never_holds_more_than_power_total_grew_by_over_it()
    {
        Read(Day1.AddDays(-1), "20:00", 15_000, uptime: 40_000, lifetime: 700.000);
        Read(Day1, "12:00", 3000, uptime: 18_000, lifetime: 702.000);

        // PowerToday says 3000 Wh, but PowerTotal grew by 2000 Wh since the day began: PowerTotal's measure wins.
        var row = Row(Day1);
        Assert.Equal(2000, row.EnergyWh);
        Assert.Equal(2000, row.BridgedWh);
        Assert.Equal(LedgerAuditKind.ImpossibleRise, Assert.Single(row.AuditEntries).Kind);
    }

    [Fact]
    public void A_timestamp_far_ahead_does_not_decide_the_date_and_the_poll_is_marked_clock_skewed()
    {
        Read(Day1, "12:00", 4000, uptime: 14_000);
        var glitch = _ledger.Apply(Reading(Day1, "12:00:23", 4025, uptime: 14_023, timestamp: new DateTime(2099, 1, 1, 0, 0, 0)), Utc, _changed);
        Read(Day1, "12:00:46", 4050, uptime: 14_046);

        Assert.True(glitch.Events.HasFlag(LedgerEvents.ClockSkewed));
        Assert.Contains("ahead of the site's clock", glitch.ClockSkew, StringComparison.Ordinal);
        Assert.Equal(Day1, _ledger.LatestReadingDate);
        Assert.Null(_ledger.Find(new DateOnly(2099, 1, 1)));
        Assert.Equal(4050, Energy(Day1));
        Assert.Contains(Row(Day1).AuditEntries, e => e.Kind == LedgerAuditKind.ClockSkew);
    }

    [Fact]
    public void A_timestamp_that_falls_back_days_does_not_decide_the_date()
    {
        Read(Day2, "12:00", 4000, uptime: 14_000);
        var back = _ledger.Apply(Reading(Day2, "12:00:23", 4025, uptime: 14_023, timestamp: new DateTime(2026, 6, 17, 9, 0, 0)), Utc, _changed);

        Assert.Contains("fell back", back.ClockSkew, StringComparison.Ordinal);
        Assert.Equal(4025, Energy(Day2));
        Assert.Equal(0, Energy(new DateOnly(2026, 6, 17)));
    }

    [Fact]
    public void A_skewed_pi_serving_old_values_at_night_keeps_them_on_the_date_they_were_fresh()
    {
        // A Pi whose clock is a day ahead: its TimeStamps are never believed, only whether they move.
        Read(Day1, "18:00", 9000, uptime: 30_000, skew: TimeSpan.FromDays(1));
        Read(Day1, "18:00:23", 9010, uptime: 30_023, skew: TimeSpan.FromDays(1));
        Assert.Equal(9010, Energy(Day1));

        // After midnight the Pi repeats the evening's values with the same TimeStamp: they stay on Day1.
        var frozen = Reading(Day2, "01:00", 9010, uptime: 30_023, timestamp: Day1.ToDateTime(new TimeOnly(18, 0, 23)).AddDays(1));
        _ledger.Apply(frozen, Utc, _changed);
        Assert.Equal(0, Energy(Day2));
        Assert.Equal(9010, Energy(Day1));

        // In the morning the inverter wakes: fresh values, today's date.
        Read(Day2, "07:00", 3, uptime: 60, skew: TimeSpan.FromDays(1));
        Assert.Equal(3, Energy(Day2));
        Assert.Equal(9010, Energy(Day1));
    }

    [Fact]
    public void A_new_address_reporting_the_same_inverter_continues_the_day()
    {
        _ledger.SetSource("10.0.0.8:50001", At(Day1, "06:00"), Day1);
        Read(Day1, "12:00", 6000, uptime: 20_000, lifetime: 400.000);
        _ledger.SetSource("10.0.0.9:50001", At(Day1, "12:10"), Day1);
        Read(Day1, "12:20", 6500, uptime: 21_200, lifetime: 400.500);

        Assert.Equal(6500, Energy(Day1));
        var row = Row(Day1);
        Assert.Equal(0, row.SetAsideWh);
        Assert.Contains("the same inverter", Assert.Single(row.AuditEntries).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_address_reporting_a_different_inverter_starts_the_day_again_and_sets_the_old_energy_aside()
    {
        // The case: pointed at the wrong Pi (14,051 Wh), then corrected to the right one (11,993 Wh).
        _ledger.SetSource("10.0.0.5:50001", At(Day1, "06:00"), Day1);
        Read(Day1, "13:00", 14_051, uptime: 30_000, lifetime: 5678.900);
        _ledger.SetSource("10.0.0.6:50001", At(Day1, "13:05"), Day1);
        var first = Read(Day1, "13:06", 11_993, uptime: 29_000, lifetime: 1234.500);
        Read(Day1, "13:30", 12_400, uptime: 30_400, lifetime: 1234.907);

        Assert.True(first.HasFlag(LedgerEvents.Corrected));
        var row = Row(Day1);
        Assert.Equal(12_400, row.EnergyWh);
        Assert.Equal(14_051, row.SetAsideWh);
        Assert.Equal(1, row.Epoch);
        Assert.Contains(row.AuditEntries, e => e.Kind == LedgerAuditKind.SourceChanged && e.Detail.Contains("a different inverter", StringComparison.Ordinal));
    }

    [Fact]
    public void Coverage_counts_five_minute_slots_with_a_good_poll()
    {
        var start = Day1.ToDateTime(new TimeOnly(10, 0));
        Poll(start);
        Poll(start.AddMinutes(1));
        Poll(start.AddMinutes(4).AddSeconds(59));
        Poll(start.AddMinutes(5));

        var row = _ledger.ToRow("s", "i", _ledger.Find(Day1)!, Day2);
        Assert.Equal(2.0 / 288, row.Coverage, 10);
        Assert.False(row.Complete);
    }

    [Fact]
    public void A_day_is_complete_only_once_it_is_over_and_every_slot_was_covered()
    {
        for (var slot = 0; slot < 288; slot++)
        {
            Poll(Day1.ToDateTime(TimeOnly.MinValue).AddMinutes(5 * slot + 2));
        }

        var day = _ledger.Find(Day1)!;
        Assert.False(_ledger.ToRow("s", "i", day, Day1).Complete);
        var over = _ledger.ToRow("s", "i", day, Day2);
        Assert.True(over.Complete);
        Assert.Equal(1.0, over.Coverage);
    }

    [Fact]
    public void Reaching_a_new_poll_date_hands_back_the_finished_days_for_their_final_rows()
    {
        Poll(Day1.ToDateTime(new TimeOnly(23, 59)));
        _changed.Clear();

        var events = _ledger.RecordPoll(Day2.ToDateTime(new TimeOnly(0, 0, 10)), Utc, _changed);

        Assert.True(events.HasFlag(LedgerEvents.PollDateRolledOver));
        Assert.Contains(_changed, day => day.Date == Day1);
        Assert.Contains(_changed, day => day.Date == Day2);
    }

    [Fact]
    public void A_spring_forward_day_has_fewer_slots_and_can_still_be_complete()
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var springForward = new DateOnly(2026, 3, 8);

        Assert.Equal(276, EnergyLedger.SlotsOn(springForward, losAngeles));
        Assert.Equal(288, EnergyLedger.SlotsOn(springForward.AddDays(1), losAngeles));
        Assert.Equal(288, EnergyLedger.SlotsOn(new DateOnly(2026, 11, 1), losAngeles));
    }

    [Fact]
    public void Keeps_only_the_most_recent_dates_and_a_reading_back_at_a_date_it_no_longer_holds_changes_nothing()
    {
        for (var d = 0; d < 5; d++)
        {
            Read(Day1.AddDays(d), "12:00", 1000 + d);
            _ledger.Trim();
        }

        Assert.Equal([Day1.AddDays(2), Day1.AddDays(3), Day1.AddDays(4)], _ledger.Days.Select(day => day.Date));
        _changed.Clear();
        var late = _ledger.Apply(Reading(Day1.AddDays(4), "12:05", 5, timestamp: Day1.ToDateTime(new TimeOnly(12, 0))), Utc, _changed);
        Assert.True(late.Events.HasFlag(LedgerEvents.ClockSkewed));
        Assert.DoesNotContain(_changed, day => day.Date == Day1);
        Assert.Null(_ledger.Find(Day1));
        Assert.Equal(1004, Energy(Day1.AddDays(4)));
    }

    private static DateTimeOffset At(DateOnly date, string time) => At(date, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    private static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), TimeSpan.Zero);

    /// <summary>A good poll at the given site-local (UTC) time whose TimeStamp is that time (plus a skew).</summary>
    private static LedgerReading Reading(DateOnly date, string time, long? powerToday, long? uptime = null, double? lifetime = null, DateTime? timestamp = null, TimeSpan skew = default) =>
        Reading(date, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), powerToday, uptime, lifetime, timestamp, skew);

    private static LedgerReading Reading(DateOnly date, TimeOnly time, long? powerToday, long? uptime, double? lifetime, DateTime? timestamp, TimeSpan skew)
    {
        var at = At(date, time);
        return new LedgerReading(at, at.DateTime, timestamp ?? at.DateTime + skew, powerToday, lifetime, lifetime is null ? null : 0.001, uptime);
    }

    private LedgerEvents Read(DateOnly date, string time, long? powerToday, long? uptime = null, double? lifetime = null, TimeSpan skew = default) =>
        _ledger.Apply(Reading(date, time, powerToday, uptime, lifetime, null, skew), Utc, _changed).Events;

    private LedgerEvents Read(DateOnly date, TimeOnly time, long? powerToday, long? uptime = null, double? lifetime = null) =>
        _ledger.Apply(Reading(date, time, powerToday, uptime, lifetime, null, default), Utc, _changed).Events;

    private void Poll(DateTime siteLocal) => _ledger.RecordPoll(siteLocal, Utc, _changed);

    private long Energy(DateOnly date) => _ledger.EnergyOn(date);

    private DailyEnergy Row(DateOnly date) => _ledger.ToRow("s", "i", _ledger.Find(date)!, date.AddDays(1));
}

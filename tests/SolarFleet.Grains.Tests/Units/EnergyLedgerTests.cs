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

    public EnergyLedgerTests() => _ledger = new EnergyLedger(_state, daysKept: 3);

    [Fact]
    public void Daily_energy_is_the_largest_power_today_of_the_date()
    {
        Read(Day1, 100);
        Read(Day1, 2500);
        Read(Day1, 2500);

        Assert.Equal(2500, Energy(Day1));
        Assert.Equal(Day1, _ledger.LatestReadingDate);
    }

    [Fact]
    public void A_mid_day_restart_keeps_the_energy_before_it_and_says_so()
    {
        Read(Day1, 3000);
        var events = Read(Day1, 40);
        Read(Day1, 900);

        Assert.True(events.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(3900, Energy(Day1));
    }

    [Fact]
    public void Two_restarts_in_a_day_carry_both_stretches()
    {
        Read(Day1, 1000);
        Read(Day1, 0);
        Read(Day1, 500);
        Read(Day1, 20);
        Read(Day1, 300);

        Assert.Equal(1800, Energy(Day1));
    }

    [Fact]
    public void The_first_reading_of_a_new_date_starts_a_new_day()
    {
        Read(Day1, 18_000);
        var events = Read(Day2, 12);

        Assert.True(events.HasFlag(LedgerEvents.NewReadingDate));
        Assert.False(events.HasFlag(LedgerEvents.RestartCarried));
        Assert.Equal(18_000, Energy(Day1));
        Assert.Equal(12, Energy(Day2));
        Assert.Equal(Day2, _ledger.LatestReadingDate);
    }

    [Fact]
    public void Night_polls_returning_yesterdays_values_leave_both_days_alone()
    {
        Read(Day1, 18_000);
        _changed.Clear();
        _ledger.RecordPoll(Day2.ToDateTime(new TimeOnly(1, 0)), Utc, _changed);
        var events = Read(Day1, 18_000);

        Assert.Equal(LedgerEvents.None, events & ~LedgerEvents.PollDateRolledOver);
        Assert.Equal(18_000, Energy(Day1));
        Assert.Equal(0, Energy(Day2));
        Assert.Equal(Day1, _ledger.LatestReadingDate);
    }

    [Fact]
    public void Lifetime_only_grows_and_a_decrease_is_one_anomaly_not_negative_energy()
    {
        Read(Day1, 100, lifetime: 1000.0);
        Read(Day1, 200, lifetime: 1000.2);
        var first = Read(Day1, 300, lifetime: 990.0);
        var repeated = Read(Day1, 400, lifetime: 990.0);
        Read(Day1, 500, lifetime: 1000.5);

        Assert.True(first.HasFlag(LedgerEvents.LifetimeAnomaly));
        Assert.False(repeated.HasFlag(LedgerEvents.LifetimeAnomaly));
        var day = _ledger.Find(Day1)!;
        Assert.Equal(1, day.Anomalies);
        Assert.Contains("990", day.LastAnomaly, StringComparison.Ordinal);
        Assert.Equal(1000.5, _ledger.LifetimeKwh);
        Assert.Equal(1000.5, day.LifetimeEndKwh);
        Assert.Equal(500, Energy(Day1));
    }

    [Fact]
    public void Without_power_today_the_lifetime_growth_over_the_date_fills_it()
    {
        Read(Day1, null, lifetime: 5000.0);
        Read(Day1, null, lifetime: 5012.0);
        Read(Day2, null, lifetime: 5012.5);
        Read(Day2, null, lifetime: 5030.25);

        Assert.Equal(12_000, Energy(Day1));

        // Day 2 starts where day 1 ended, so energy between the last poll of day 1 and the first of day 2 is kept.
        Assert.Equal(18_250, Energy(Day2));
    }

    [Fact]
    public void Coverage_counts_five_minute_slots_with_a_good_poll()
    {
        var start = Day1.ToDateTime(new TimeOnly(10, 0));
        Poll(start);
        Poll(start.AddMinutes(1));
        Poll(start.AddMinutes(4).AddSeconds(59));
        Poll(start.AddMinutes(5));

        var row = EnergyLedger.ToRow("s", "i", _ledger.Find(Day1)!, Day2);
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
        Assert.False(EnergyLedger.ToRow("s", "i", day, Day1).Complete);
        var over = EnergyLedger.ToRow("s", "i", day, Day2);
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
    public void Keeps_only_the_most_recent_dates_and_ignores_readings_older_than_all_of_them()
    {
        for (var d = 0; d < 5; d++)
        {
            Read(Day1.AddDays(d), 1000 + d);
            _ledger.Trim();
        }

        Assert.Equal([Day1.AddDays(2), Day1.AddDays(3), Day1.AddDays(4)], _ledger.Days.Select(day => day.Date));
        _changed.Clear();
        var late = Read(Day1, 5);
        Assert.Equal(LedgerEvents.None, late);
        Assert.Empty(_changed);
        Assert.Null(_ledger.Find(Day1));
    }

    private LedgerEvents Read(DateOnly date, long? powerToday, double? lifetime = null) =>
        _ledger.ApplyReading(date, powerToday, lifetime, Utc, _changed);

    private void Poll(DateTime siteLocal) => _ledger.RecordPoll(siteLocal, Utc, _changed);

    private long Energy(DateOnly date) => _ledger.Find(date)?.EnergyWh() ?? 0;
}

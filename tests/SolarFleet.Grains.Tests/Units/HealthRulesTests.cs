using SolarFleet.Abstractions.Health;
using SolarFleet.Grains.Health;

namespace SolarFleet.Grains.Tests.Units;

public sealed class HealthRulesTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(70);
    private static readonly DateTime Noon = new(2026, 6, 21, 12, 0, 0);

    [Fact]
    public void A_fresh_timestamp_while_generating_is_online() =>
        Assert.Equal(InverterHealth.Online, Judge(7, Noon.AddSeconds(-20), TimeSpan.FromSeconds(20)));

    [Fact]
    public void A_fresh_timestamp_in_standby_at_dawn_is_online() =>
        Assert.Equal(InverterHealth.Online, Judge(3, Noon.AddSeconds(-5), TimeSpan.Zero));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void A_status_outside_the_table_is_a_fault_whatever_the_timestamp(int code)
    {
        Assert.Equal(InverterHealth.Fault, Judge(code, Noon, TimeSpan.Zero));
        Assert.Equal(InverterHealth.Fault, Judge(code, Noon.AddDays(-1), TimeSpan.FromHours(5)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(0)]
    public void An_old_timestamp_with_a_dark_status_is_asleep(int code) =>
        Assert.Equal(InverterHealth.Asleep, Judge(code, Noon.AddMinutes(-10), TimeSpan.FromMinutes(10)));

    [Theory]
    [InlineData(7)]
    [InlineData(2)]
    public void A_timestamp_from_an_earlier_date_is_asleep_even_if_the_last_status_was_generating(int code) =>
        Assert.Equal(InverterHealth.Asleep, Judge(code, new DateTime(2026, 6, 20, 19, 59, 0), TimeSpan.Zero, siteNow: new DateTime(2026, 6, 21, 0, 0, 30)));

    [Theory]
    [InlineData(7)]
    [InlineData(2)]
    public void A_timestamp_older_than_stale_after_while_generating_is_stale(int code) =>
        Assert.Equal(InverterHealth.Stale, Judge(code, Noon.AddSeconds(-71), TimeSpan.Zero));

    [Fact]
    public void A_timestamp_that_has_not_moved_on_the_poll_clock_is_stale_even_if_the_pi_clock_runs_ahead()
    {
        // The Pi's clock is two minutes ahead, so the age check alone would call it fresh.
        var ahead = Noon.AddMinutes(2);
        Assert.Equal(InverterHealth.Online, Judge(7, ahead, TimeSpan.FromSeconds(69)));
        Assert.Equal(InverterHealth.Stale, Judge(7, ahead, TimeSpan.FromSeconds(70)));
    }

    [Fact]
    public void A_timestamp_age_is_judged_net_of_the_pi_clocks_lag_so_a_clock_running_behind_is_online()
    {
        var lag = TimeSpan.FromMinutes(7);
        var behind = Noon - lag - TimeSpan.FromSeconds(10);
        Assert.Equal(InverterHealth.Online, HealthRules.OfGoodPoll(7, behind, Noon, TimeSpan.FromSeconds(20), StaleAfter, clockLag: lag));
        Assert.Equal(InverterHealth.Stale, HealthRules.OfGoodPoll(7, behind, Noon, TimeSpan.FromSeconds(70), StaleAfter, clockLag: lag));
        Assert.Equal(InverterHealth.Stale, HealthRules.OfGoodPoll(7, behind, Noon, TimeSpan.FromSeconds(20), StaleAfter));

        // Values four minutes old at a lag of seconds (a long poll period that first saw the last update before dusk).
        Assert.Equal(InverterHealth.Asleep, HealthRules.OfGoodPoll(3, Noon.AddMinutes(-4), Noon, TimeSpan.Zero, StaleAfter, clockLag: TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public void Without_a_timestamp_the_status_decides()
    {
        Assert.Equal(InverterHealth.Online, Judge(7, null, TimeSpan.Zero));
        Assert.Equal(InverterHealth.Asleep, Judge(3, null, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(InverterHealth.Online, true)]
    [InlineData(InverterHealth.Fault, true)]
    [InlineData(InverterHealth.Asleep, false)]
    [InlineData(InverterHealth.Stale, false)]
    [InlineData(InverterHealth.Unreachable, false)]
    [InlineData(InverterHealth.Pending, false)]
    public void Only_online_and_faulted_inverters_count_live_power(InverterHealth health, bool counts) =>
        Assert.Equal(counts, HealthRules.CountsPower(health));

    private static InverterHealth Judge(int? status, DateTime? timestamp, TimeSpan unchangedFor, DateTime? siteNow = null) =>
        HealthRules.OfGoodPoll(status, timestamp, siteNow ?? Noon, unchangedFor, StaleAfter);
}

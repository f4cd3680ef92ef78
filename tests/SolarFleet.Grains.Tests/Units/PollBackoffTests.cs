using SolarFleet.Grains.Polling;

namespace SolarFleet.Grains.Tests.Units;

public sealed class PollBackoffTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(23);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void Polls_at_the_period_while_polls_succeed() =>
        Assert.Equal(Period, PollBackoff.NextDelay(Period, 0, Cap));

    [Theory]
    [InlineData(1, 46)]
    [InlineData(2, 92)]
    [InlineData(3, 184)]
    [InlineData(4, 300)]
    [InlineData(40, 300)]
    public void Doubles_per_consecutive_failure_up_to_the_cap(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PollBackoff.NextDelay(Period, failures, Cap));

    [Fact]
    public void A_cap_below_the_period_never_polls_faster_than_the_period()
    {
        var hourly = TimeSpan.FromHours(1);
        Assert.Equal(hourly, PollBackoff.NextDelay(hourly, 3, Cap));
    }

    [Fact]
    public void Jitter_stays_inside_the_period_and_spreads_across_it()
    {
        var random = new Random(1234);
        var offsets = Enumerable.Range(0, 1000).Select(_ => PollBackoff.Jitter(Period, random)).ToList();

        Assert.All(offsets, offset => Assert.InRange(offset, TimeSpan.Zero, Period - TimeSpan.FromTicks(1)));
        var tenths = offsets.Select(offset => (int)(offset / Period * 10)).Distinct().Count();
        Assert.Equal(10, tenths);
    }
}

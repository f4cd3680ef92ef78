using Microsoft.Extensions.Time.Testing;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Tests.Support;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Simulator.Tests;

public sealed class AcceleratedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 21, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_starts_at_the_chosen_instant_and_runs_speed_times_faster()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new AcceleratedTimeProvider(inner, 60, Start);
        var started = clock.GetTimestamp();

        Assert.Equal(Start, clock.GetUtcNow());
        inner.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Start.AddMinutes(2), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(2), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task Delays_shrink_by_the_speed()
    {
        var inner = new FakeTimeProvider();
        var clock = new AcceleratedTimeProvider(inner, 60, Start);

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock, TestContext.Current.CancellationToken);
        inner.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(delay.IsCompleted);
        inner.Advance(TimeSpan.FromMilliseconds(100));

        await delay.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_timer_changed_later_is_shrunk_too()
    {
        var inner = new FakeTimeProvider();
        var clock = new AcceleratedTimeProvider(inner, 10, Start);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        inner.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(3, ticks);
    }

    [Fact]
    public void TodayAt_is_that_wall_clock_time_on_the_sites_current_date()
    {
        // 03:00 UTC on 21 June is still the evening of 20 June in Los Angeles.
        var inner = new FakeTimeProvider(new DateTimeOffset(2025, 6, 21, 3, 0, 0, TimeSpan.Zero));

        var start = AcceleratedTimeProvider.TodayAt(inner, TestClock.LosAngeles.TimeZone, new TimeOnly(8, 0));

        Assert.Equal(new DateTimeOffset(2025, 6, 20, 15, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Speed_must_be_positive(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(TimeProvider.System, speed, Start));
    }

    [Fact]
    public async Task A_simulator_on_an_accelerated_clock_lives_an_hour_in_a_minute()
    {
        using var deadline = TestClock.Deadline();
        var inner = new FakeTimeProvider();
        var site = TestClock.LosAngeles;
        var clock = new AcceleratedTimeProvider(inner, 60, site.Instant(new DateTime(2025, 6, 21, 8, 0, 0)));
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [site] }, clock, null, deadline.Token);

        var eight = await WireClient.PollAsync(simulator.Pis[0].Endpoint, deadline.Token);
        inner.Advance(TimeSpan.FromMinutes(1));
        var nine = await WireClient.PollAsync(simulator.Pis[0].Endpoint, deadline.Token);

        Assert.Equal("7", eight["Status"]);
        Assert.StartsWith("2025-06-21 07:59:", eight["TimeStamp"], StringComparison.Ordinal);
        Assert.StartsWith("2025-06-21 08:59:", nine["TimeStamp"], StringComparison.Ordinal);
    }
}

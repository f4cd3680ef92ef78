using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SolarFleet.Grains.Polling;

namespace SolarFleet.Grains.Tests.Units;

public sealed class PollScheduleTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly PollSchedule _schedule;
    private readonly List<string> _fired = [];

    public PollScheduleTests() => _schedule = new PollSchedule(_time, NullLogger<PollSchedule>.Instance);

    public void Dispose() => _schedule.Dispose();

    [Fact]
    public void A_slot_fires_once_when_its_time_comes_and_not_before()
    {
        var slot = Slot("a");
        slot.Change(TimeSpan.FromSeconds(23));

        _time.Advance(TimeSpan.FromSeconds(22.999));
        Assert.Empty(_fired);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a"], _fired);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["a"], _fired);
    }

    [Fact]
    public void Once_stopped_nothing_falls_due_any_more()
    {
        var before = Slot("set before");
        before.Change(TimeSpan.FromSeconds(5));
        _schedule.Stop();
        Slot("set after").Change(TimeSpan.FromSeconds(1));
        Slot("due at once").Change(TimeSpan.Zero);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(_fired);
        Assert.Equal(0, _schedule.Pending);
        Assert.True(_schedule.IsStopped);
        Assert.False(before.IsCurrent(1));
    }

    [Fact]
    public void Slots_fire_in_due_order_whatever_order_they_were_set_in()
    {
        Slot("late").Change(TimeSpan.FromSeconds(20));
        Slot("early").Change(TimeSpan.FromSeconds(5));
        Slot("middle").Change(TimeSpan.FromSeconds(10));

        for (var second = 0; second < 20; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["early", "middle", "late"], _fired);
    }

    [Fact]
    public void A_change_replaces_the_pending_due_time()
    {
        var slot = Slot("a");
        slot.Change(TimeSpan.FromSeconds(5));
        slot.Change(TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(_fired);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a"], _fired);

        // Moving a due time earlier works as well.
        slot.Change(TimeSpan.FromMinutes(5));
        slot.Change(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a", "a"], _fired);
    }

    [Fact]
    public void Stop_cancels_the_pending_due_time_and_others_still_fire()
    {
        var stopped = Slot("stopped");
        stopped.Change(TimeSpan.FromSeconds(5));
        Slot("kept").Change(TimeSpan.FromSeconds(5));
        stopped.Stop();

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["kept"], _fired);
        Assert.Equal(0, _schedule.Pending);
    }

    [Fact]
    public void A_due_time_of_zero_fires_at_once_on_the_callers_thread()
    {
        Slot("now").Change(TimeSpan.Zero);

        Assert.Equal(["now"], _fired);
        Assert.Equal(0, _schedule.Pending);
    }

    [Fact]
    public void A_target_may_reschedule_itself_from_its_callback()
    {
        PollSlot? slot = null;
        var count = 0;
        slot = _schedule.CreateSlot(new Target(() =>
        {
            count++;
            slot!.Change(TimeSpan.FromSeconds(23));
        }));
        slot.Change(TimeSpan.FromSeconds(23));

        for (var i = 0; i < 10 * 23; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(10, count);
        Assert.Equal(1, _schedule.Pending);
    }

    [Fact]
    public void A_due_time_that_fired_is_current_until_the_slot_changes_or_stops()
    {
        var versions = new List<long>();
        var slot = _schedule.CreateSlot(new VersionTarget(versions));
        slot.Change(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        var fired = Assert.Single(versions);

        // Handed-on work that runs now still goes ahead...
        Assert.True(slot.IsCurrent(fired));

        // ...but not once the slot was rescheduled or stopped in between.
        slot.Change(TimeSpan.FromSeconds(23));
        Assert.False(slot.IsCurrent(fired));
        slot.Stop();
        Assert.False(slot.IsCurrent(fired + 1));
    }

    [Fact]
    public void A_throwing_target_does_not_keep_the_others_from_firing()
    {
        _schedule.CreateSlot(new Target(() => throw new InvalidOperationException("broken"))).Change(TimeSpan.FromSeconds(1));
        Slot("fine").Change(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["fine"], _fired);
    }

    [Fact]
    public void Thousands_of_slots_each_fire_once_per_period()
    {
        const int slots = 5_000;
        var counts = new int[slots];
        var all = new PollSlot[slots];
        for (var i = 0; i < slots; i++)
        {
            var index = i;
            all[i] = _schedule.CreateSlot(new Target(() =>
            {
                counts[index]++;
                all[index].Change(TimeSpan.FromSeconds(23));
            }));
            all[i].Change(TimeSpan.FromMilliseconds(1 + (i * 23_000L / slots)));
        }

        for (var step = 0; step < 3 * 230; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.All(counts, count => Assert.Equal(3, count));
    }

    private PollSlot Slot(string name) => _schedule.CreateSlot(new Target(() => _fired.Add(name)));

    private sealed class VersionTarget(List<long> versions) : IPollTarget
    {
        public void OnPollDue(long version) => versions.Add(version);
    }

    private sealed class Target(Action onDue) : IPollTarget
    {
        public void OnPollDue(long version) => onDue();
    }
}

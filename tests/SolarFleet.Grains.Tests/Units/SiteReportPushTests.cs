using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Fleet;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Sites;

namespace SolarFleet.Grains.Tests.Units;

public sealed class SiteReportPushTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly List<TimeSpan> _armed = [];
    private readonly List<SiteReport> _sent = [];
    private SiteReport? _current = Report(power: 1000);

    [Fact]
    public void Changes_while_a_push_is_scheduled_share_it_and_the_next_waits_out_the_interval()
    {
        var push = NewPush();

        push.Schedule(force: false);
        push.Schedule(force: false);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        push.Push();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        push.Schedule(force: false);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(1500)], _armed);
        Assert.Single(_sent);
    }

    [Fact]
    public void A_push_long_after_the_last_one_is_due_at_once()
    {
        var push = NewPush();
        push.Schedule(force: false);
        push.Push();

        _time.Advance(TimeSpan.FromMinutes(1));
        push.Schedule(force: false);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], _armed);
    }

    [Fact]
    public void An_unchanged_report_is_sent_again_only_when_forced()
    {
        var push = NewPush();
        PushNow(push, force: false);
        PushNow(push, force: false);
        Assert.Single(_sent);

        PushNow(push, force: true);
        Assert.Equal(2, _sent.Count);

        _current = Report(power: 2000);
        PushNow(push, force: false);
        Assert.Equal(3, _sent.Count);
        Assert.Equal(2000, _sent[^1].Summary.PowerW);
    }

    [Fact]
    public void A_site_that_is_not_live_sends_nothing_and_can_be_scheduled_again()
    {
        var push = NewPush();
        _current = null;

        PushNow(push, force: true);
        _current = Report(power: 1000);
        PushNow(push, force: false);

        Assert.Equal(2, _armed.Count);
        Assert.Single(_sent);
    }

    private static SiteReport Report(long power) =>
        new(new SiteSummary("berlin", "Berlin home", "Europe/Berlin", 1, power, new DateOnly(2026, 6, 21), 0, HealthCounts.Zero, null), []);

    private SiteReportPush NewPush()
    {
        var push = new SiteReportPush(_time, Interval, () => _current, _sent.Add);
        push.Attach(_armed.Add);
        return push;
    }

    private void PushNow(SiteReportPush push, bool force)
    {
        push.Schedule(force);
        _time.Advance(Interval);
        push.Push();
    }
}

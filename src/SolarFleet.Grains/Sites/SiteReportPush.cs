using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// When a site pushes its report to the fleet: a change schedules one push, at most one per interval, and a push whose
/// report equals the last one sent is skipped unless it was forced (the fleet lost its reports, or never had this one).
/// </summary>
/// <remarks>
/// Free of Orleans: the grain gives it the report as it is now (null when the site is not live), how to send one, and
/// once its timer exists, how to arm it; the timer calls <see cref="Push"/>. Every call comes from the grain's scheduler.
/// </remarks>
public sealed class SiteReportPush(TimeProvider time, TimeSpan interval, Func<SiteReport?> current, Action<SiteReport> send)
{
    private Action<TimeSpan>? _arm;
    private bool _scheduled;
    private bool _force;
    private DateTimeOffset? _lastPushAt;
    private SiteReport? _lastReport;

    /// <summary>Gives the push its timer: <paramref name="arm"/> makes it fire once, after the given delay.</summary>
    public void Attach(Action<TimeSpan> arm) => _arm = arm;

    /// <summary>
    /// Asks for a push, after the rest of the interval since the last one; a forced push is sent even when the report
    /// has not changed. A push already scheduled sends the report as it is by then, so it is not scheduled twice.
    /// </summary>
    public void Schedule(bool force)
    {
        _force |= force;
        if (_scheduled || _arm is null)
        {
            return;
        }

        _scheduled = true;
        var due = _lastPushAt is { } last ? last + interval - time.GetUtcNow() : TimeSpan.Zero;
        _arm(due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    /// <summary>The scheduled push came due: sends the current report, unless it is the one sent last and not forced.</summary>
    public void Push()
    {
        _scheduled = false;
        if (current() is not { } report)
        {
            return;
        }

        if (!_force && _lastReport is { } last && last.Summary == report.Summary && last.Problems.SequenceEqual(report.Problems))
        {
            return;
        }

        _force = false;
        _lastReport = report;
        _lastPushAt = time.GetUtcNow();
        send(report);
    }
}

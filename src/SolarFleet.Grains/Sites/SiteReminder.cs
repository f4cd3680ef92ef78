using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Persistence;
using SolarFleet.Grains.Polling;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// A site's persistent reminder: it brings a live site, and through it its inverters, back after their silo died.
/// One per site rather than one per inverter.
/// </summary>
/// <remarks>Wraps Orleans' reminder calls for one grain, so the grain reads as what it does with the reminder.</remarks>
public sealed partial class SiteReminder(IGrainBase grain, TimeSpan period, TimeSpan retryDelay, ILogger logger)
{
    /// <summary>The reminder's name.</summary>
    public const string Name = "keep-polling";

    private IGrainTimer? _retry;
    private int _failures;

    public Task RegisterAsync(CancellationToken cancellationToken) => grain.RegisterOrUpdateReminder(Name, period, period, cancellationToken);

    /// <summary>
    /// Registers the reminder when the site has none and is still live once that is known. A failure is logged, not
    /// thrown, and tried again after a backoff until it succeeds: a site stays active, so its next activation may be
    /// days away, and until then only the fleet's wake would bring it back after a silo loss.
    /// </summary>
    public async Task KeepAsync(string siteId, Func<bool> isLive, CancellationToken cancellationToken)
    {
        try
        {
            if (await grain.GetReminder(Name, cancellationToken) is null && isLive())
            {
                await grain.RegisterOrUpdateReminder(Name, period, period, cancellationToken);
            }

            _failures = 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failures++;
            var delay = RetryDelay(_failures);
            LogReminderFailed(ex, siteId, _failures, (int)Math.Ceiling(delay.TotalSeconds));
            _retry ??= grain.RegisterGrainTimer(
                static (state, token) => state.Reminder.KeepAsync(state.SiteId, state.IsLive, token),
                (Reminder: this, SiteId: siteId, IsLive: isLive),
                new GrainTimerCreationOptions { DueTime = Timeout.InfiniteTimeSpan, Period = Timeout.InfiniteTimeSpan });
            _retry.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A tick: a live site wakes its inverters; a site that is gone drops the reminder.</summary>
    public async Task TickAsync(bool isLive, Func<Task> wake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wake);
        if (!isLive)
        {
            await UnregisterAsync(cancellationToken);
            return;
        }

        await wake();
    }

    public Task UnregisterAsync(CancellationToken cancellationToken) => grain.UnregisterIfHeldAsync(Name, cancellationToken);

    // The delay doubles with each failure up to the reminder's period, and is spread over up to twice that, so sites
    // that failed together (a database out of connections) do not all try again together.
    private TimeSpan RetryDelay(int failures)
    {
        var delay = PollBackoff.NextDelay(retryDelay, failures - 1, period);
        return delay + PollBackoff.Jitter(delay, Random.Shared);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId} could not register its reminder (attempt {Attempt}); it tries again in {RetrySeconds} s, and until then it and its inverters come back after a silo loss only when called")]
    private partial void LogReminderFailed(Exception exception, string siteId, int attempt, int retrySeconds);
}

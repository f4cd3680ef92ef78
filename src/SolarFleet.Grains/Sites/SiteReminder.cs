using Microsoft.Extensions.Logging;
using SolarFleet.Grains.Persistence;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// A site's persistent reminder: it brings a live site, and through it its inverters, back after their silo died.
/// One per site rather than one per inverter.
/// </summary>
/// <remarks>Wraps Orleans' reminder calls for one grain, so the grain reads as what it does with the reminder.</remarks>
public sealed partial class SiteReminder(IGrainBase grain, TimeSpan period, ILogger logger)
{
    /// <summary>The reminder's name.</summary>
    public const string Name = "keep-polling";

    public Task RegisterAsync(CancellationToken cancellationToken) => grain.RegisterOrUpdateReminder(Name, period, period, cancellationToken);

    /// <summary>
    /// Registers the reminder when the site has none and is still live once that is known; a failure is logged, not thrown.
    /// </summary>
    public async Task KeepAsync(string siteId, Func<bool> isLive, CancellationToken cancellationToken)
    {
        try
        {
            if (await grain.GetReminder(Name, cancellationToken) is null && isLive())
            {
                await grain.RegisterOrUpdateReminder(Name, period, period, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reminder is the fallback; the next activation tries again.
            LogReminderFailed(ex, siteId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId} could not register its reminder; it and its inverters come back after a silo loss only when called")]
    private partial void LogReminderFailed(Exception exception, string siteId);
}

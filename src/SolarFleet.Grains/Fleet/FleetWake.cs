namespace SolarFleet.Grains.Fleet;

/// <summary>
/// Calls every site given, a bounded number at a time: to wake it, so the inverters a lost silo hosted poll again at
/// once instead of when their reminders come due, or to ask for its report. A site that fails (typically a call routed
/// to the lost silo before every directory has forgotten it) is tried again after a pause, a bounded number of times.
/// </summary>
/// <remarks>Free of Orleans: the caller passes how one site is called. Runs on the caller's scheduler, one batch at a time.</remarks>
public sealed class FleetWake(Func<string, Task<int>> wakeSite, TimeProvider time, FleetWakeLimits limits)
{
    public async Task<FleetWakeResult> RunAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pending = siteIds.ToList();
        var woken = 0;
        var inverters = 0;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var failed = new List<string>();
            foreach (var batch in pending.Chunk(limits.SitesAtOnce))
            {
                var calls = batch.Select(siteId => (siteId, call: wakeSite(siteId))).ToList();
                foreach (var (siteId, call) in calls)
                {
                    try
                    {
                        inverters += await call;
                        woken++;
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Any failure is worth one more try: the wake is idempotent, and the reminder is the fallback.
                        failed.Add(siteId);
                    }
                }
            }

            pending = failed;
            if (pending.Count == 0 || attempt >= limits.Attempts)
            {
                break;
            }

            await Task.Delay(limits.RetryDelay, time, cancellationToken);
        }

        return new FleetWakeResult(woken, inverters, pending, time.GetElapsedTime(started));
    }
}

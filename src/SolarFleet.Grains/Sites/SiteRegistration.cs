using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Validation;

namespace SolarFleet.Grains.Sites;

/// <summary>
/// The rules of a site's own record in its <see cref="SiteState"/>: configured, removed (kept so its energy history stays
/// reachable), and forgotten once removed longer than the retention. Free of Orleans; the grain writes the state.
/// </summary>
public static class SiteRegistration
{
    /// <summary>The settings of a live site; null when there is none, or it was removed.</summary>
    public static SiteSettings? LiveSettings(SiteState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.RemovedAt is null ? state.Settings : null;
    }

    /// <summary>Takes the settings; what changed decides whether to write, register the reminder and tell the inverters.</summary>
    public static SiteChange Configure(SiteState state, SiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var previous = LiveSettings(state);
        if (state.RemovedAt is not null)
        {
            // The same id again: the site comes back, and its energy history (kept by site and inverter id) goes on.
            state.RemovedAt = null;
            previous = null;
        }
        else if (previous == settings)
        {
            return SiteChange.None;
        }

        state.Settings = settings;
        if (previous is null)
        {
            return SiteChange.New;
        }

        var moved = (previous.TimeZone, previous.Latitude, previous.Longitude) != (settings.TimeZone, settings.Latitude, settings.Longitude);
        return moved ? SiteChange.Moved : SiteChange.Renamed;
    }

    /// <summary>
    /// Marks the site removed and returns when it was: a repeat keeps the first removal's time. <paramref name="wasLive"/>
    /// tells whether the site was live until now.
    /// </summary>
    public static DateTimeOffset Remove(SiteState state, TimeProvider time, out bool wasLive)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(time);
        wasLive = state.RemovedAt is null;
        state.RemovedAt ??= time.GetUtcNow();
        return state.RemovedAt.Value;
    }

    /// <summary>Whether a site removed at <paramref name="removedAt"/> is past its retention, and its record may go.</summary>
    public static bool IsExpired(DateTimeOffset removedAt, DateTimeOffset now, TimeSpan retention) => now - removedAt > retention;

    /// <summary>What a removed site shows: its settings, no inverters, and nothing produced on its own date.</summary>
    public static SiteSnapshot RemovedSnapshot(string siteId, SiteSettings removed, DateTimeOffset removedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var zone = RegistrationRules.FindTimeZone(removed.TimeZone, nameof(removed));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var empty = new SiteSummary(siteId, removed.Name, removed.TimeZone, 0, 0, today, 0, HealthCounts.Zero, null, removed.Latitude, removed.Longitude);
        return new SiteSnapshot(siteId, removed, new Dictionary<string, InverterSettings>(StringComparer.Ordinal), empty, removedAt);
    }
}

using System.Globalization;

namespace SolarFleet.Silo.Dashboard.Display;

/// <summary>Instants shown on the site's own wall clock; pages label the zone once, next to the times.</summary>
public static class SiteClock
{
    public static string Local(DateTimeOffset? at, string timeZone)
    {
        if (at is not { } instant)
        {
            return "—";
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>An instant for a machine-readable datetime attribute.</summary>
    public static string Iso(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}

namespace SolarFleet.Silo.Reads;

/// <summary>A site's own calendar: its today, and the instants its local day begins and ends.</summary>
public static class SiteCalendar
{
    public static DateOnly Today(TimeProvider time, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
    }

    /// <summary>From the local day's first instant to the next day's: 23 or 25 hours on a day the clocks change.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Day(DateOnly date, TimeZoneInfo zone) => (Start(date, zone), Start(date.AddDays(1), zone));

    // Where the clocks go forward at midnight, the day begins at the first local time that exists.
    private static DateTimeOffset Start(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

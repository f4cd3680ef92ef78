namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// A stretch of time whose yields are compared between neighbours: a daylight window aligned on the UTC clock (every
/// inverter's hour 12:00-13:00 is the same hour), or a site-local day (start at local midnight, as a UTC instant).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct YieldWindow([property: Id(0)] DateTimeOffset Start, [property: Id(1)] TimeSpan Length)
{
    public DateTimeOffset End => Start + Length;

    public bool IsDay => Length >= TimeSpan.FromHours(23);

    /// <summary>The window of <paramref name="length"/> that holds <paramref name="at"/>.</summary>
    public static YieldWindow Holding(DateTimeOffset at, TimeSpan length)
    {
        var utc = at.UtcTicks;
        return new YieldWindow(new DateTimeOffset(utc - (utc % length.Ticks), TimeSpan.Zero), length);
    }

    /// <summary>A site-local date as a window: its local midnight to the next (23 or 25 hours on a clock change).</summary>
    public static YieldWindow Day(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = LocalMidnight(date, zone);
        return new YieldWindow(start, LocalMidnight(date.AddDays(1), zone) - start);
    }

    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);

        // A midnight skipped by a clock change is taken at the first valid minute after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

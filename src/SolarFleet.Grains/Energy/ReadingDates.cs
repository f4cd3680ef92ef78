using System.Globalization;

namespace SolarFleet.Grains.Energy;

/// <summary>The site-local date a reading belongs to, or none; and why the Pi's TimeStamp was not believed, if it was not.</summary>
public readonly record struct ReadingDate(DateOnly? Date, string? ClockSkew);

/// <summary>
/// Which date a reading's energy belongs to. By the protocol it is the date of the Pi's TimeStamp (the Pi's local time
/// of the inverter's last update): at night the Pi still serves the evening's values, and they belong to the evening.
/// A Pi's clock can be wrong, though, and a TimeStamp is not believed when it is ahead of the site's clock by more than
/// the tolerance (a Pi set to the wrong zone, a glitch reading 2099), falls back to an earlier date than the readings
/// before it (a Pi whose clock was reset), or moves while lagging the site's clock by more than the tolerance (a moving
/// TimeStamp is the Pi's now, so its clock runs behind: an evening's date at 2 am would take the night's energy back a
/// day). Such a poll is clock-skewed and its date comes from the poll instead: the
/// poll's own date when the TimeStamp moved since the previous poll (the values are fresh), the date the values already
/// belonged to when it did not (old values), and none when there is nothing to tell (the first poll).
/// </summary>
public static class ReadingDates
{
    /// <param name="timestamp">The Pi's TimeStamp now.</param>
    /// <param name="previousTimestamp">Its TimeStamp at the previous good poll.</param>
    /// <param name="siteLocalNow">The poll's instant on the site's wall clock.</param>
    /// <param name="latestReadingDate">The date of the latest reading, or null when there is none to compare with (nothing yet, or a new source).</param>
    /// <param name="tolerance">How far ahead of the site's clock a TimeStamp may be.</param>
    /// <param name="daysKept">Dates held by the ledger; values of older dates are final elsewhere and change nothing.</param>
    public static ReadingDate Decide(
        DateTime? timestamp,
        DateTime? previousTimestamp,
        DateTime siteLocalNow,
        DateOnly? latestReadingDate,
        TimeSpan tolerance,
        int daysKept)
    {
        var pollDate = DateOnly.FromDateTime(siteLocalNow);
        if (timestamp is not { } stamp)
        {
            // Firmware without TimeStamp: the poll's date is all there is.
            return new ReadingDate(pollDate, null);
        }

        var stampDate = DateOnly.FromDateTime(stamp);
        var fresh = previousTimestamp is { } previous && previous != stamp;
        string? skew = null;
        if (stamp - siteLocalNow > tolerance)
        {
            skew = string.Create(
                CultureInfo.InvariantCulture,
                $"TimeStamp {stamp:yyyy-MM-dd HH:mm:ss} is {Describe(stamp - siteLocalNow)} ahead of the site's clock ({siteLocalNow:yyyy-MM-dd HH:mm:ss})");
        }
        else if (latestReadingDate is { } latest && stampDate < latest)
        {
            skew = string.Create(
                CultureInfo.InvariantCulture,
                $"TimeStamp {stamp:yyyy-MM-dd HH:mm:ss} fell back to a date before {latest:yyyy-MM-dd}, the date of earlier readings");
        }
        else if (fresh && siteLocalNow - stamp > tolerance)
        {
            skew = string.Create(
                CultureInfo.InvariantCulture,
                $"TimeStamp {stamp:yyyy-MM-dd HH:mm:ss} moves but is {Describe(siteLocalNow - stamp)} behind the site's clock ({siteLocalNow:yyyy-MM-dd HH:mm:ss})");
        }

        if (skew is null)
        {
            // A believable TimeStamp of a date the ledger no longer holds: the Pi serves values long final.
            return stampDate <= pollDate.AddDays(-daysKept) ? new ReadingDate(null, null) : new ReadingDate(stampDate, null);
        }

        if (!fresh)
        {
            return new ReadingDate(latestReadingDate, skew);
        }

        // Fresh values are today's; never a date before the readings already taken.
        return new ReadingDate(latestReadingDate is { } known && known > pollDate ? known : pollDate, skew);
    }

    private static string Describe(TimeSpan span) => span.TotalDays >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days")
        : span.TotalHours >= 2
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");
}

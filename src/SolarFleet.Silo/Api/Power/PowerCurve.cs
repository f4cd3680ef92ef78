namespace SolarFleet.Silo.Api.Power;

/// <summary>
/// A site's power through one day of its own calendar, from the stored readings, one point per slot from the day's
/// first instant to its end (or to now, for today).
/// </summary>
/// <param name="Date">The site-local date.</param>
/// <param name="TimeZone">The IANA zone the date and the slots' offsets are in.</param>
/// <param name="SlotMinutes">How long each slot is.</param>
/// <param name="From">The day's first instant, in the site's offset.</param>
/// <param name="To">The next day's first instant: 23 or 25 hours later on a day the clocks change.</param>
/// <param name="Slots">Every slot so far, oldest first; a slot without readings has a null power.</param>
public sealed record PowerCurve(
    string SiteId,
    DateOnly Date,
    string TimeZone,
    int SlotMinutes,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<PowerPoint> Slots);

/// <summary>One slot of a power curve.</summary>
/// <param name="Start">When the slot begins, in the site's offset.</param>
/// <param name="PowerW">The sum of each reporting inverter's mean power over the slot; null when none reported.</param>
/// <param name="Inverters">Inverters with a reading in the slot.</param>
public sealed record PowerPoint(DateTimeOffset Start, long? PowerW, int Inverters);

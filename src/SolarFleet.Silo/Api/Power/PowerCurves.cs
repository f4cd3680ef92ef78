using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Energy;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Api.Power;

/// <summary>
/// The one read path of a site's power over a day, for the API and the dashboard: the reading log sums the site's
/// inverters per slot where the readings are (PostgreSQL or the embedded ring), so no reader receives per-inverter rows.
/// </summary>
public sealed class PowerCurves(IReadingLog readings, TimeProvider time)
{
    /// <summary>The ledger's coverage slot: a curve point per slot the ledger counts as observed or not.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMinutes(5);

    /// <summary>The site's curve for a date of its calendar, its today when <paramref name="date"/> is null.</summary>
    public async Task<PowerCurve> DayAsync(SiteSnapshot site, DateOnly? date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.Settings.TimeZone);
        var day = date ?? SiteCalendar.Today(time, site.Settings.TimeZone);
        var (from, to) = SiteCalendar.Day(day, zone);
        var now = time.GetUtcNow();
        var until = now < to ? now : to;

        var measured = new Dictionary<DateTimeOffset, PowerSlot>();
        if (until > from)
        {
            await foreach (var slot in readings.PowerAsync(site.SiteId, [.. site.Inverters.Keys], from, until, Slot, cancellationToken))
            {
                measured[slot.Start] = slot;
            }
        }

        var points = new List<PowerPoint>();
        for (var start = from; start < until; start += Slot)
        {
            var local = TimeZoneInfo.ConvertTime(start, zone);
            points.Add(measured.TryGetValue(start, out var slot) ? new PowerPoint(local, slot.PowerW, slot.Inverters) : new PowerPoint(local, null, 0));
        }

        return new PowerCurve(site.SiteId, day, site.Settings.TimeZone, (int)Slot.TotalMinutes, TimeZoneInfo.ConvertTime(from, zone), TimeZoneInfo.ConvertTime(to, zone), points);
    }
}

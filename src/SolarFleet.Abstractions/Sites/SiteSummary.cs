using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Sites;

/// <summary>
/// A site's roll-up: where it is, live power, today's energy on the site's own local date, inverters by health, and
/// the DC nameplate of its inverters that have one with their energy today (its yield).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct SiteSummary(
    string SiteId,
    string Name,
    string TimeZone,
    int Inverters,
    long PowerW,
    DateOnly LocalDate,
    long EnergyTodayWh,
    HealthCounts Health,
    DateTimeOffset? UpdatedAt,
    double? Latitude = null,
    double? Longitude = null,
    long RatedCapacityW = 0,
    long RatedEnergyTodayWh = 0)
{
    /// <summary>
    /// Today's energy per watt of DC nameplate, kWh/kWp, of the inverters with a nameplate: how well the site did,
    /// whatever its size. Null when none has one.
    /// </summary>
    public double? YieldToday => RatedCapacityW > 0 ? RatedEnergyTodayWh / (double)RatedCapacityW : null;
}

using SolarFleet.Abstractions.Health;

namespace SolarFleet.Abstractions.Sites;

/// <summary>A site's roll-up: where it is, live power, today's energy on the site's own local date, inverters by health.</summary>
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
    double? Longitude = null);

namespace SolarFleet.Silo.Api.Contracts;

/// <summary>One site as the API shows it.</summary>
public sealed record SiteResource(
    string Id,
    string Name,
    string TimeZone,
    double? Latitude,
    double? Longitude,
    int Inverters,
    long PowerW,
    DateOnly LocalDate,
    long EnergyTodayWh,
    HealthCountsResource Health,
    DateTimeOffset? UpdatedAt,
    long RatedCapacityW,
    double? YieldToday);

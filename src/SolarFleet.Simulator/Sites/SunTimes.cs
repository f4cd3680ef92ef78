namespace SolarFleet.Simulator.Sites;

/// <summary>
/// The sun at a site on one local date, in site-local offsets. Sunrise and sunset are null in polar
/// night; in polar day they are the local day's bounds.
/// </summary>
public sealed record SunTimes(DateOnly Date, DateTimeOffset? Sunrise, DateTimeOffset SolarNoon, DateTimeOffset? Sunset);

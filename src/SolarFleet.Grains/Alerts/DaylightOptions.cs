namespace SolarFleet.Grains.Alerts;

/// <summary>When an inverter ought to be awake: the sun above <see cref="MinElevationDegrees"/> for <see cref="DarkAfter"/>.</summary>
public sealed class DaylightOptions
{
    /// <summary>Whether dark-in-daylight alerts are raised at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sun elevation (degrees) above which even an overcast sky wakes an inverter.</summary>
    public double MinElevationDegrees { get; set; } = 12;

    /// <summary>How long the sun must have been above that elevation (and an inverter dark) before it counts as dark.</summary>
    public TimeSpan DarkAfter { get; set; } = TimeSpan.FromMinutes(20);
}

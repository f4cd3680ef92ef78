namespace SolarFleet.Grains.Alerts;

/// <summary>When an inverter ought to be awake: the sun above <see cref="MinElevationDegrees"/> for <see cref="DarkAfter"/>.</summary>
public sealed class DaylightOptions
{
    /// <summary>Whether dark-in-daylight alerts are raised at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sun elevation (degrees) above which even an overcast sky wakes an inverter.</summary>
    public double MinElevationDegrees { get; set; } = 12;

    /// <summary>How long the sun must have been above that elevation before a dark inverter counts as dark (it must then stay dark for the kind's RaiseAfter).</summary>
    public TimeSpan DarkAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Added to the elevation for a site placed only by its time zone's city: a zone spans hundreds of kilometres, and
    /// the sun rises an hour or more later at its far edge.
    /// </summary>
    public double ApproximateMarginDegrees { get; set; } = 15;
}

namespace SolarFleet.Grains.Alerts;

/// <summary>SolarFleet:Alerts:Underproduction — when an inverter makes clearly less than it should.</summary>
public sealed class UnderproductionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The daylight window over which yields are compared.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Below this share of what is expected (0.8: 80 %) over a window, or over a whole day, it is underproducing.</summary>
    public double Threshold { get; set; } = 0.8;

    /// <summary>At or above this share over a window it is producing again (above the threshold, so it does not flap).</summary>
    public double ClearThreshold { get; set; } = 0.9;

    /// <summary>Neighbours within this distance are its peers.</summary>
    public double PeerRadiusKm { get; set; } = 25;

    /// <summary>Of the neighbours within the radius, the median of this many nearest is what it is compared with.</summary>
    public int NearestPeers { get; set; } = 10;

    /// <summary>Fewest peers (with a known DC capacity) for a peer comparison; with fewer, its own clear-sky expectation is used.</summary>
    public int MinPeers { get; set; } = 5;

    /// <summary>How long after a window ends its peers' yields are gathered: every inverter reports at its first poll after the end.</summary>
    public TimeSpan PeerSettle { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Windows are compared only while the sun is at least this high at their middle; dimmer ones are noise.</summary>
    public double MinSunElevationDegrees { get; set; } = 10;

    /// <summary>
    /// With too few peers: underproducing when for this many days running its best hour stayed below the threshold of
    /// its own output in full sun. One inverter cannot tell clouds from a fault, so a single grey day must not do.
    /// </summary>
    public int OwnHistoryDays { get; set; } = 2;

    /// <summary>How many recent days its own output in full sun is learned from.</summary>
    public int LearningDays { get; set; } = 30;

    /// <summary>Fewest days learned before it is compared with itself.</summary>
    public int MinLearnedDays { get; set; } = 3;
}

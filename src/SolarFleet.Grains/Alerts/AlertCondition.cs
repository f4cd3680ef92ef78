namespace SolarFleet.Grains.Alerts;

/// <summary>What one observation says of an alert's condition.</summary>
public enum AlertCondition
{
    /// <summary>Nothing can be said this time (no good poll, a value between limit and margin, the sun down).</summary>
    Unknown,

    /// <summary>The condition holds.</summary>
    Present,

    /// <summary>The condition is clear.</summary>
    Absent,
}

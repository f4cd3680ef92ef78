namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The hysteresis of one kind of alert: its condition must hold for <see cref="RaiseAfter"/> before it is raised, and
/// be clear for <see cref="ClearAfter"/> before it is resolved, so a condition that comes and goes does not flap.
/// </summary>
public sealed class AlertTiming
{
    public TimeSpan RaiseAfter { get; set; }

    public TimeSpan ClearAfter { get; set; }

    public static AlertTiming Of(TimeSpan raiseAfter, TimeSpan clearAfter) => new() { RaiseAfter = raiseAfter, ClearAfter = clearAfter };
}

/// <summary>A configured override of a kind's timing: a value left out keeps the kind's default.</summary>
public sealed class AlertTimingOverride
{
    public TimeSpan? RaiseAfter { get; set; }

    public TimeSpan? ClearAfter { get; set; }
}

namespace SolarFleet.Abstractions.Alerts;

/// <summary>What an alert is about. Each kind is raised at most once at a time per inverter.</summary>
public enum AlertKind
{
    /// <summary>Polls have failed repeatedly: the Pi (or the network to it) is down.</summary>
    Unreachable,

    /// <summary>The inverter reports a fault status code.</summary>
    Fault,

    /// <summary>The inverter says it is generating but its values stopped changing.</summary>
    Stale,

    /// <summary>The sun is well up and the inverter has not woken today, or went dark early.</summary>
    DarkInDaylight,

    /// <summary>The inverter makes clearly less than its neighbours (or its own clear-sky expectation) would.</summary>
    Underproducing,

    /// <summary>The Pi's TimeStamp is not believable: ahead of the site's clock, or its date fell back.</summary>
    ClockSkew,

    /// <summary>PowerTotal went backwards or jumped: the lifetime counter cannot be trusted for now.</summary>
    LifetimeAnomaly,

    /// <summary>Grid voltage or frequency outside the configured limits.</summary>
    GridOutOfRange,
}

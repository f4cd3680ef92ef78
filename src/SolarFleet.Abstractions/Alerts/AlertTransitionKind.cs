namespace SolarFleet.Abstractions.Alerts;

/// <summary>The moments of an alert that are sent to webhooks.</summary>
public enum AlertTransitionKind
{
    Raised,
    Resolved,
}

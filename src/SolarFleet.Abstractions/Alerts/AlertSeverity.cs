namespace SolarFleet.Abstractions.Alerts;

/// <summary>How soon someone should act: critical needs a visit or a call today.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Grains.Alerts;

/// <summary>Open alerts of one kind and severity, and how many sites they are on.</summary>
public sealed record OpenAlertCount(AlertKind Kind, AlertSeverity Severity, long Alerts, long Sites);

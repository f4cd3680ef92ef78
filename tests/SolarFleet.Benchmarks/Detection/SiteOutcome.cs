using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>What one site-day came to: its fault (if any), when that was detected, and every other alert it raised.</summary>
public sealed record SiteOutcome(
    int Site,
    InjectedFault? Fault,
    DateTimeOffset? DetectableFrom,
    DateTimeOffset? DetectedAt,
    IReadOnlyList<RaisedAlert> OtherAlerts)
{
    public double? MinutesToDetect => DetectedAt is { } at && DetectableFrom is { } from ? Math.Max(0, (at - from).TotalMinutes) : null;
}

/// <summary>An alert raised during a simulated day.</summary>
public sealed record RaisedAlert(AlertKind Kind, DateTimeOffset At);

namespace SolarFleet.Abstractions.Alerts;

/// <summary>Which alerts to list, newest raised first; <paramref name="After"/> is the paging cursor of the previous page.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertQuery(
    AlertStateFilter State = AlertStateFilter.Open,
    AlertKind? Kind = null,
    string? SiteId = null,
    AlertSeverity? Severity = null,
    int Limit = 100,
    AlertCursor? After = null);

/// <summary>Open alerts, resolved ones, or both.</summary>
public enum AlertStateFilter
{
    Open,
    Resolved,
    All,
}

/// <summary>Where a page ended: the last alert's raise time and id (alerts are ordered by both, newest first).</summary>
[GenerateSerializer, Immutable]
public sealed record AlertCursor(DateTimeOffset RaisedAt, string Id);

/// <summary>A page of alerts and the cursor of the next page (null on the last).</summary>
[GenerateSerializer, Immutable]
public sealed record AlertPage(IReadOnlyList<Alert> Alerts, AlertCursor? Next);

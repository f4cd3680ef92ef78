namespace SolarFleet.Silo.Api.Contracts;

/// <summary>An alert as the API shows it: open while <see cref="ResolvedAt"/> is null.</summary>
public sealed record AlertResource(
    string Id,
    string Kind,
    string Severity,
    string State,
    string SiteId,
    string InverterId,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string Summary,
    string Detail,
    IReadOnlyDictionary<string, double> Figures);

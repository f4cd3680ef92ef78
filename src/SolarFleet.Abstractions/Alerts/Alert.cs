namespace SolarFleet.Abstractions.Alerts;

/// <summary>
/// One alert from raise to resolve: raised once when its condition has held long enough, resolved when it has cleared
/// long enough (so it does not flap), acknowledged by a person meanwhile or after. <see cref="Figures"/> are the
/// numbers behind it (a voltage and its limit, a yield and its peers' median), named in camelCase with their unit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Alert(
    string Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string SiteId,
    string InverterId,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string Summary,
    string Detail,
    IReadOnlyDictionary<string, double> Figures)
{
    public bool IsOpen => ResolvedAt is null;
}

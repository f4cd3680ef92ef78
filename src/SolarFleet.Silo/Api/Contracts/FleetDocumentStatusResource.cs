namespace SolarFleet.Silo.Api.Contracts;

/// <summary>
/// Where the fleet stands against its stored document: <c>generation</c> is the stored one, <c>observedGeneration</c>
/// the one the fleet was last made to match; <c>state</c> is empty, converging, converged or retrying.
/// </summary>
public sealed record FleetDocumentStatusResource(
    long Generation,
    long ObservedGeneration,
    string State,
    int Sites,
    int Inverters,
    int SitesApplied,
    int SitesToRemove,
    int SitesRemoved,
    DateTimeOffset? StoredAt,
    DateTimeOffset? ConvergedAt,
    string? LastError);

/// <summary>GET /api/fleet/document: the stored document, its generation and where the fleet stands against it.</summary>
public sealed record StoredFleetDocumentResource(long Generation, FleetDocumentStatusResource Status, FleetDocument Document);

namespace SolarFleet.Abstractions.Fleet;

/// <summary>
/// The stored fleet document's generation, the generation the fleet was last made to match (observed), and how far
/// the newest one has got: a client waits for <see cref="ObservedGeneration"/> to reach <see cref="Generation"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FleetDocumentStatus(
    long Generation,
    long ObservedGeneration,
    FleetConvergence State,
    int Sites,
    int Inverters,
    int SitesApplied,
    int SitesToRemove,
    int SitesRemoved,
    DateTimeOffset? StoredAt,
    DateTimeOffset? ConvergedAt,
    string? LastError);

/// <summary>The stored fleet document with its generation.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredFleetDocument(long Generation, DesiredFleet Document, DateTimeOffset StoredAt);

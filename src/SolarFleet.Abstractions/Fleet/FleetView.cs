using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Abstractions.Fleet;

/// <summary>
/// What the fleet shows at one moment: its roll-up, every live site's summary by id and its problems, oldest first.
/// Built at most about once a second and shared by every reader; <see cref="Stamp"/> tells one build from another.
/// </summary>
/// <remarks>Immutable: a reader on the fleet grain's silo gets the built object itself, never a copy of 10,000 rows.</remarks>
[GenerateSerializer, Immutable]
public sealed record FleetView(
    long Stamp,
    FleetSummary Summary,
    IReadOnlyList<SiteSummary> Sites,
    IReadOnlyList<Problem> Problems);

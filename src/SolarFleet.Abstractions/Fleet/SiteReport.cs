using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Sites;

namespace SolarFleet.Abstractions.Fleet;

/// <summary>What a site pushes to the fleet: its summary and its current problems.</summary>
[GenerateSerializer, Immutable]
public readonly record struct SiteReport(SiteSummary Summary, IReadOnlyList<Problem> Problems);

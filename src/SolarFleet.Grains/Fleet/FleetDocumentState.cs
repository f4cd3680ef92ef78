using SolarFleet.Abstractions.Fleet;

namespace SolarFleet.Grains.Fleet;

/// <summary>The stored fleet document and its generation: written whole, once per document.</summary>
[GenerateSerializer]
public sealed class FleetDocumentState
{
    [Id(0)]
    public long Generation { get; set; }

    [Id(1)]
    public DesiredFleet? Document { get; set; }

    [Id(2)]
    public DateTimeOffset? StoredAt { get; set; }
}

/// <summary>
/// The generation the fleet was last made to match. Kept apart from the document so that marking a generation done
/// does not write the whole document again.
/// </summary>
[GenerateSerializer]
public sealed class FleetObservedState
{
    [Id(0)]
    public long Generation { get; set; }

    [Id(1)]
    public DateTimeOffset? ConvergedAt { get; set; }
}

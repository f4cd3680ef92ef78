namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// One site-local day of an inverter's own output against a clear sky: its best window's clearness (see
/// <see cref="OwnClearSkyRules.Clearness"/>), and whether that day was judged underproducing (and so taught nothing).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OwnOutputDay([property: Id(0)] DateOnly Date, [property: Id(1)] double BestClearness, [property: Id(2)] bool Underproducing = false);

namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The lifetime counter as the ledger sees it: whether the poll read one, the off-scale value if it is off, and the
/// value it left behind when this poll made an off-scale count the new baseline.
/// </summary>
public readonly record struct LifetimeView(bool Read, double? KeptKwh, double? OffScaleKwh, double? NewCountFromKwh = null);

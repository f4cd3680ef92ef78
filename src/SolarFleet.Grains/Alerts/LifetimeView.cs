namespace SolarFleet.Grains.Alerts;

/// <summary>The lifetime counter as the ledger sees it: whether the poll read one, and the off-scale value if it is off.</summary>
public readonly record struct LifetimeView(bool Read, double? KeptKwh, double? OffScaleKwh);

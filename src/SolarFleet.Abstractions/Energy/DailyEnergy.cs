namespace SolarFleet.Abstractions.Energy;

/// <summary>
/// One inverter's ledger row for one site-local date: the energy billed for it, how it was measured, the lifetime
/// reading at the day's end, how much of the day was observed, and what was set aside on the way.
/// </summary>
/// <param name="EnergyWh">The energy billed for the date: <paramref name="PowerTodayWh"/> plus <paramref name="BridgedWh"/>.</param>
/// <param name="Anomalies">Readings set aside (misreads, impossible jumps, a PowerTotal that went back or jumped).</param>
/// <param name="LastAnomaly">The latest anomaly, described.</param>
/// <param name="Epoch">
/// Grows when the day was deliberately started again (its Pi turned out to be a different inverter); a row of a later
/// epoch replaces one of an earlier epoch, while rows of one epoch merge and never lose energy.
/// </param>
/// <param name="PowerTodayWh">The part of the energy read from the Pi's PowerToday counter.</param>
/// <param name="BridgedWh">The part taken from PowerTotal's growth where PowerToday was missing or set aside.</param>
/// <param name="SetAsideWh">Energy of another source (the Pi this inverter was wrongly pointed at) kept out of the bill.</param>
/// <param name="Restarts">Mid-day inverter restarts, each backed by evidence (UpTime reset, or PowerTotal growth).</param>
/// <param name="Audit">What happened to the day's readings, oldest first (bounded; repeats are counted, not listed).</param>
[GenerateSerializer, Immutable]
public sealed record DailyEnergy(
    string SiteId,
    string InverterId,
    DateOnly Date,
    long EnergyWh,
    double? LifetimeEndKwh,
    double Coverage,
    bool Complete,
    int Anomalies,
    string? LastAnomaly,
    int Epoch = 0,
    long PowerTodayWh = 0,
    long BridgedWh = 0,
    long SetAsideWh = 0,
    int Restarts = 0,
    IReadOnlyList<LedgerAuditEntry>? Audit = null)
{
    /// <summary>The audit, never null.</summary>
    public IReadOnlyList<LedgerAuditEntry> AuditEntries => Audit ?? [];
}

namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// One site's energy for one period of its own calendar.
/// </summary>
/// <param name="Period">"yyyy-MM-dd" or "yyyy-MM", in the site's time zone.</param>
/// <param name="From">First day of the period the row covers (the range may cut the period).</param>
/// <param name="To">Last day of the period the row covers.</param>
/// <param name="PeriodStatus">Whether the period is over and whole, partial (running, or cut by the range), or in the future.</param>
/// <param name="TimeZone">The IANA zone the dates are in.</param>
/// <param name="EnergyWh">Energy billed for the days covered; null for a future period.</param>
/// <param name="PowerTodayWh">Part of the energy read from the Pis' PowerToday counters.</param>
/// <param name="BridgedWh">Part taken from PowerTotal's growth where PowerToday was missing or set aside.</param>
/// <param name="SetAsideWh">Energy of another source (a Pi wrongly addressed) kept out of the bill.</param>
/// <param name="Anomalies">Readings set aside as not believable.</param>
/// <param name="Restarts">Mid-day inverter restarts, each backed by evidence.</param>
/// <param name="Inverters">Inverters with data in the days covered.</param>
/// <param name="Complete">True only for a complete period that every inverter was observed all through.</param>
/// <param name="Coverage">Observed share of the days covered so far (0-1) over the inverters expected; null for a future period.</param>
/// <param name="SiteRemovedAt">When the site was removed, for a removed site's history.</param>
public sealed record EnergyRow(
    string SiteId,
    string Period,
    DateOnly From,
    DateOnly To,
    EnergyPeriodStatus PeriodStatus,
    string TimeZone,
    long? EnergyWh,
    long? PowerTodayWh,
    long? BridgedWh,
    long SetAsideWh,
    int Anomalies,
    int Restarts,
    int Inverters,
    bool Complete,
    double? Coverage,
    DateTimeOffset? SiteRemovedAt);

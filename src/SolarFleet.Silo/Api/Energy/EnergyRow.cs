namespace SolarFleet.Silo.Api.Energy;

/// <summary>
/// One site's energy for one period. <c>Period</c> is "yyyy-MM-dd" or "yyyy-MM" in the site's calendar;
/// <c>Coverage</c> is the observed share of the period (0-1) over the inverters expected;
/// <c>Complete</c> is true only when every expected inverter was observed all period long.
/// </summary>
public sealed record EnergyRow(string SiteId, string Period, long EnergyWh, int Inverters, bool Complete, double Coverage);

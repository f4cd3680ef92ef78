namespace SolarFleet.Silo.Api.Energy;

/// <summary>Where a report row's period stands in the site's calendar, apart from how well it was observed.</summary>
public enum EnergyPeriodStatus
{
    /// <summary>The period is over and lies wholly inside the range.</summary>
    Complete,

    /// <summary>The period is still running (it holds the site's today) or the range cuts it: the row covers only its from-to days.</summary>
    Partial,

    /// <summary>The period has not begun: there is nothing to measure yet.</summary>
    Future,
}

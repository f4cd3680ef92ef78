namespace SolarFleet.Silo.Dashboard.Sites;

/// <summary>How the sites list is ordered.</summary>
public enum SiteSort
{
    /// <summary>Most inverters needing attention first, then by name.</summary>
    Attention,
    Name,
    Power,
    EnergyToday,

    /// <summary>Lowest yield today (kWh/kWp) first: neighbours share the weather, so the last of them made least of it.</summary>
    Yield,
    LastSeen,
}

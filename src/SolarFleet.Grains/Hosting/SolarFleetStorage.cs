namespace SolarFleet.Grains.Hosting;

/// <summary>Names shared by the grains and whichever storage provider the host configures.</summary>
public static class SolarFleetStorage
{
    /// <summary>The grain storage provider holding inverter, site and fleet state.</summary>
    public const string GrainStateProvider = "solarfleet";
}

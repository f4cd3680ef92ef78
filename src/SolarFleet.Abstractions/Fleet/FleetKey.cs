namespace SolarFleet.Abstractions.Fleet;

public static class FleetKey
{
    /// <summary>SolarFleet runs one fleet per cluster.</summary>
    public const string Default = "fleet";
}

using SolarFleet.Simulator.Faults;

namespace SolarFleet.Silo.Demo;

/// <summary>
/// The demo fleet: three homes in three time zones and thirteen Pis, one of them reporting an inverter fault
/// and one unreachable, so every part of the dashboard and API has something to show.
/// </summary>
public static class DemoFleetPlan
{
    public const int PiCount = 13;

    /// <summary>Pis are dealt to sites in turn: Pi i belongs to Sites[i % Sites.Count].</summary>
    public static IReadOnlyList<DemoSite> Sites { get; } =
    [
        new("sunnyvale-lee", "Lee family, Sunnyvale", 37.37, -122.04, "America/Los_Angeles"),
        new("phoenix-garcia", "Garcia residence, Phoenix", 33.45, -112.07, "America/Phoenix"),
        new("boston-okafor", "Okafor home, Boston", 42.36, -71.06, "America/New_York"),
    ];

    /// <summary>The misbehaving Pis, by index.</summary>
    public static IReadOnlyDictionary<int, PiFaultModes> Faults { get; } = new Dictionary<int, PiFaultModes>
    {
        [4] = PiFaultModes.FaultStatus,
        [8] = PiFaultModes.RefuseConnections,
    };

    public static string InverterId(int piIndex) => $"inv-{piIndex / Sites.Count + 1}";
}

namespace SolarFleet.Simulator.Server;

/// <summary>What one request line asks for.</summary>
internal enum LineKind
{
    Blank,
    Close,
    Query,
    Unknown,
}

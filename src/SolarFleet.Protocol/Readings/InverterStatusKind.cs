namespace SolarFleet.Protocol.Readings;

/// <summary>What an SPR-4000m status code means.</summary>
public enum InverterStatusKind
{
    NoData,
    Syncing,
    Standby,
    Idle,
    Generating,
    Fault,
}

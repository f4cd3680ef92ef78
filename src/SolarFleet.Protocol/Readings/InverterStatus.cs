using System.Globalization;

namespace SolarFleet.Protocol.Readings;

/// <summary>The status code table of the protocol page.</summary>
public static class InverterStatus
{
    public static InverterStatusKind Classify(int? code) => code switch
    {
        null or 0 => InverterStatusKind.NoData,
        2 => InverterStatusKind.Syncing,
        3 => InverterStatusKind.Standby,
        6 => InverterStatusKind.Idle,
        7 => InverterStatusKind.Generating,
        _ => InverterStatusKind.Fault,
    };

    /// <summary>The text an installer sees, e.g. "Generating" or "Fault (code 12)".</summary>
    public static string Describe(int? code) => Classify(code) switch
    {
        InverterStatusKind.NoData => "No data",
        InverterStatusKind.Syncing => "Syncing",
        InverterStatusKind.Standby => "Standby",
        InverterStatusKind.Idle => "Idle",
        InverterStatusKind.Generating => "Generating",
        _ => string.Create(CultureInfo.InvariantCulture, $"Fault (code {code})"),
    };
}

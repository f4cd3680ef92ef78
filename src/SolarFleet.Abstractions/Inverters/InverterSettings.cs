namespace SolarFleet.Abstractions.Inverters;

/// <summary>
/// How to reach one Pi and how often to poll it, and optionally its array: the DC nameplate (what its yield is measured
/// against) and the panels' tilt and azimuth (degrees; azimuth clockwise from north).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InverterSettings(
    string Host,
    int Port,
    int PollSeconds = InverterSettings.DefaultPollSeconds,
    PowerTotalUnit PowerTotalUnit = PowerTotalUnit.KilowattHours,
    int? DcCapacityW = null,
    double? TiltDegrees = null,
    double? AzimuthDegrees = null)
{
    public const int MinDcCapacityW = 100;
    public const int MaxDcCapacityW = 1_000_000;

    /// <summary>The inverter's own update cadence.</summary>
    public const int DefaultPollSeconds = 23;
    public const int MinPollSeconds = 5;
    public const int MaxPollSeconds = 3600;
    public const int MinPort = 49152;
    public const int MaxPort = 65535;
}

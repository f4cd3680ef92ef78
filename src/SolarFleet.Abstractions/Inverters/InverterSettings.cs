namespace SolarFleet.Abstractions.Inverters;

/// <summary>How to reach one Pi and how often to poll it.</summary>
[GenerateSerializer, Immutable]
public sealed record InverterSettings(
    string Host,
    int Port,
    int PollSeconds = InverterSettings.DefaultPollSeconds,
    PowerTotalUnit PowerTotalUnit = PowerTotalUnit.KilowattHours)
{
    /// <summary>The inverter's own update cadence.</summary>
    public const int DefaultPollSeconds = 23;
    public const int MinPollSeconds = 5;
    public const int MaxPollSeconds = 3600;
    public const int MinPort = 49152;
    public const int MaxPort = 65535;
}

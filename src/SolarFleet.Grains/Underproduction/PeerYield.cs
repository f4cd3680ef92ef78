namespace SolarFleet.Grains.Underproduction;

/// <summary>One inverter's normalised yield over a window: watt-hours made per watt of DC nameplate (kWh/kWp).</summary>
[GenerateSerializer, Immutable]
public sealed record PeerYield(
    [property: Id(0)] string InverterKey,
    [property: Id(1)] double Latitude,
    [property: Id(2)] double Longitude,
    [property: Id(3)] double Yield);

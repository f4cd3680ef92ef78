namespace SolarFleet.Abstractions.Inverters;

/// <summary>The unit a Pi reports PowerTotal in; the source does not say, so it is set per inverter.</summary>
[GenerateSerializer]
public enum PowerTotalUnit
{
    KilowattHours = 0,
    WattHours = 1,
}

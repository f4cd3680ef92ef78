namespace SolarFleet.Simulator.Inverter;

/// <summary>How a simulated Pi writes PowerTotal (the real unit is not documented; installers configure it).</summary>
public enum PowerTotalFormat
{
    /// <summary>Kilowatt-hours with three decimals, e.g. <c>12345.678</c>.</summary>
    KilowattHours = 0,

    /// <summary>Whole watt-hours, e.g. <c>12345678</c>.</summary>
    WattHours = 1,
}

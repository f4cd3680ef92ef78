using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>The faults the detection benchmark injects, each with the alert that must catch it.</summary>
public enum InjectedFault
{
    DarkAllDay,
    DarkFromNoon,
    Derated80,
    Derated70,
    Derated50,
    Shading,
    Unreachable,
    ClockOff,
    GridOutOfRange,
    PowerTotalBackwards,
}

/// <summary>What each injected fault is expected to raise, and its name in reports.</summary>
public static class InjectedFaults
{
    public static AlertKind ExpectedAlert(this InjectedFault fault) => fault switch
    {
        InjectedFault.DarkAllDay or InjectedFault.DarkFromNoon => AlertKind.DarkInDaylight,
        InjectedFault.Derated80 or InjectedFault.Derated70 or InjectedFault.Derated50 or InjectedFault.Shading => AlertKind.Underproducing,
        InjectedFault.Unreachable => AlertKind.Unreachable,
        InjectedFault.ClockOff => AlertKind.ClockSkew,
        InjectedFault.GridOutOfRange => AlertKind.GridOutOfRange,
        InjectedFault.PowerTotalBackwards => AlertKind.LifetimeAnomaly,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not an injected fault."),
    };

    public static string Name(this InjectedFault fault) => fault switch
    {
        InjectedFault.DarkAllDay => "dark all day",
        InjectedFault.DarkFromNoon => "dark from 12:00",
        InjectedFault.Derated80 => "derated to 80 % from 09:00",
        InjectedFault.Derated70 => "derated to 70 % from 09:00",
        InjectedFault.Derated50 => "derated to 50 % from 09:00",
        InjectedFault.Shading => "shading, 40 % lost after 13:00",
        InjectedFault.Unreachable => "unreachable from 11:00",
        InjectedFault.ClockOff => "Pi clock 3 h ahead",
        InjectedFault.GridOutOfRange => "grid at 258 V from 11:00",
        InjectedFault.PowerTotalBackwards => "PowerTotal 500 kWh back from 10:00",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "Not an injected fault."),
    };

    /// <summary>Faults whose alert is underproducing: the ones the "80 % or less" target is about.</summary>
    public static bool IsUnderproduction(this InjectedFault fault) => fault.ExpectedAlert() == AlertKind.Underproducing;
}

using System.Globalization;

namespace SolarFleet.Silo.Dashboard.Display;

/// <summary>Figures as an installer reads them: watts to kW, watt-hours to kWh or MWh, with the unit.</summary>
public static class Units
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Power(long watts) => Math.Abs(watts) < 1000
        ? string.Create(Culture, $"{watts} W")
        : Math.Abs(watts) < 1_000_000 ? string.Create(Culture, $"{watts / 1000.0:0.00} kW") : string.Create(Culture, $"{watts / 1_000_000.0:0.000} MW");

    public static string Energy(long wattHours) => Math.Abs(wattHours) < 1000
        ? string.Create(Culture, $"{wattHours} Wh")
        : Math.Abs(wattHours) < 1_000_000 ? string.Create(Culture, $"{wattHours / 1000.0:0.00} kWh") : string.Create(Culture, $"{wattHours / 1_000_000.0:0.000} MWh");

    public static string Number(double? value, string format, string unit) =>
        value is { } v ? v.ToString(format, Culture) + " " + unit : "—";

    public static string Duration(long? seconds) => seconds is { } s
        ? TimeSpan.FromSeconds(s) is var t && t.TotalDays >= 1 ? string.Create(Culture, $"{(int)t.TotalDays} d {t.Hours} h") : string.Create(Culture, $"{t.Hours} h {t.Minutes} min")
        : "—";
}

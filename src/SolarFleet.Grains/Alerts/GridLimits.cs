namespace SolarFleet.Grains.Alerts;

/// <summary>
/// The grid the inverter feeds must stay within these limits. Defaults: ANSI C84.1 range A service voltage for a
/// 240 V nominal system (±5 %, 228-252 V) and 59.3-60.5 Hz. A value back inside by the margin clears the condition;
/// between the limit and the margin it stays as it was.
/// </summary>
public sealed class GridLimits
{
    public double MinVoltageV { get; set; } = 228;

    public double MaxVoltageV { get; set; } = 252;

    public double VoltageMarginV { get; set; } = 2;

    public double MinFrequencyHz { get; set; } = 59.3;

    public double MaxFrequencyHz { get; set; } = 60.5;

    public double FrequencyMarginHz { get; set; } = 0.1;
}

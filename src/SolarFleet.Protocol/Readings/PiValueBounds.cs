namespace SolarFleet.Protocol.Readings;

/// <summary>
/// The physical bounds of an SPR-4000m's values. Every lower bound is 0. A value outside its bounds
/// is a data error: the poll fails with a protocol error naming the quantity and the value, so garbage
/// never reaches the energy ledger.
/// </summary>
public static class PiValueBounds
{
    /// <summary>4,000 W rated continuous output, plus 25 % headroom for metering error and peaks.</summary>
    public const int MaxPowerNowW = 5_000;

    /// <summary>The rated 4,000 W for a 25-hour local day (the day clocks fall back), rounded up.</summary>
    public const long MaxPowerTodayWh = 100_000;

    /// <summary>Lifetime energy in Wh or kWh: 4,000 W for 100 years is about 3.5e9 Wh; the bound leaves room.</summary>
    public const double MaxPowerTotal = 1e10;

    /// <summary>Status codes are small unsigned register values; anything larger is not a status.</summary>
    public const int MaxStatusCode = 65_535;

    /// <summary>Far above the 264 V top of the 240 V grid window, well below anything a 240 V service can show.</summary>
    public const double MaxGridVoltageV = 300;

    /// <summary>Far above the 60.5 Hz top of the grid window.</summary>
    public const double MaxGridFrequencyHz = 70;

    /// <summary>Seconds of production in one local day: at most 25 hours.</summary>
    public const long MaxUptimeSeconds = 90_000;
}

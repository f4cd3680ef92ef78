using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Energy;

/// <summary>What an SPR-4000m can physically do, as the ledger's rules use it.</summary>
public static class LedgerLimits
{
    /// <summary>The most the inverter can make per hour: its 4,000 W rating plus the protocol's 25 % headroom.</summary>
    public const int MaxPowerW = PiValueBounds.MaxPowerNowW;

    /// <summary>
    /// Allowance for counters that are not read at the same instant: the Pi keeps each value from the datalogger's
    /// latest query of it, so PowerToday and PowerTotal can be an inverter update (23 s) or two apart.
    /// </summary>
    public static readonly TimeSpan UpdateSlack = TimeSpan.FromMinutes(1);

    /// <summary>PowerToday at dawn may hold what the inverter made before UpTime started counting (standby, sync).</summary>
    public static readonly TimeSpan UptimeSlack = TimeSpan.FromMinutes(10);

    /// <summary>PowerTotal's resolution when the Pi's answer does not show it: the watt-hour.</summary>
    public const double DefaultResolutionKwh = 0.001;

    /// <summary>The most energy (Wh) the inverter can make in <paramref name="elapsed"/>, with the update slack.</summary>
    public static long MaxEnergyWh(TimeSpan elapsed)
    {
        var hours = (Math.Max(0, elapsed.Ticks) + UpdateSlack.Ticks) / (double)TimeSpan.TicksPerHour;
        return (long)Math.Ceiling(MaxPowerW * hours) + 1;
    }

    /// <summary>The most PowerToday can hold after <paramref name="uptimeSeconds"/> of production.</summary>
    public static long MaxEnergyForUptimeWh(long uptimeSeconds) =>
        MaxEnergyWh(TimeSpan.FromSeconds(Math.Max(0, uptimeSeconds)) + UptimeSlack);

    /// <summary>A resolution in kWh as whole watt-hours (at least 1).</summary>
    public static long ResolutionWh(double? resolutionKwh) =>
        Math.Max(1, (long)Math.Ceiling(((resolutionKwh ?? DefaultResolutionKwh) * 1000) - 1e-9));
}

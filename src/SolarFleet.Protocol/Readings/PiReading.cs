using SolarFleet.Protocol.Queries;

namespace SolarFleet.Protocol.Readings;

/// <summary>
/// What one poll decoded. Every quantity is null when it was not asked for or the Pi refused it;
/// <see cref="Unsupported"/> lists the queries this Pi answered with <c>error: invalid query</c>.
/// </summary>
public sealed record PiReading
{
    /// <summary>Current AC power, watts.</summary>
    public int? PowerNowW { get; init; }

    /// <summary>Energy produced so far today, watt-hours.</summary>
    public long? PowerTodayWh { get; init; }

    /// <summary>Lifetime energy in the Pi's own unit (Wh or kWh, configured per inverter).</summary>
    public double? PowerTotal { get; init; }

    /// <summary>
    /// Digits after the decimal point of the PowerTotal answer (0 for a whole number): the counter's resolution, so
    /// "12345.678" kWh is known to the watt-hour and "12346" kWh only to the kilowatt-hour.
    /// </summary>
    public int? PowerTotalDecimals { get; init; }

    /// <summary>Inverter status code (see <see cref="InverterStatus"/>).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Grid voltage, volts.</summary>
    public double? GridVoltageV { get; init; }

    /// <summary>Grid frequency, hertz.</summary>
    public double? GridFrequencyHz { get; init; }

    /// <summary>Seconds the inverter has produced power today.</summary>
    public long? UptimeSeconds { get; init; }

    /// <summary>The inverter's last update, in the Pi's local time (no zone: <see cref="DateTimeKind.Unspecified"/>).</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>Queries this Pi's firmware does not know.</summary>
    public PiQuerySet Unsupported { get; init; }
}

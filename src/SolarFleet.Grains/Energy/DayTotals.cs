namespace SolarFleet.Grains.Energy;

/// <summary>A date's energy from its state: what PowerToday showed, what PowerTotal bridged, and PowerTotal's bound.</summary>
public readonly record struct DayTotals(long TotalWh, long PowerTodayWh, long BridgedWh, long? CapWh)
{
    /// <summary>
    /// Carried stretches plus the current one. A stretch counts its largest PowerToday, plus what PowerTotal grew by
    /// since that reading where later PowerToday readings were missing or set aside (bridged, taken a resolution step
    /// low so that a bridge never counts more than was made). A date with no PowerToday at all counts PowerTotal's
    /// growth over it. When the lifetime at the date's start is known, the date never holds more than PowerTotal grew
    /// by (plus one resolution step).
    /// </summary>
    public static DayTotals Of(DayEnergyState day, long resolutionWh)
    {
        ArgumentNullException.ThrowIfNull(day);
        var stretch = day.Current;
        var bridge = StretchBridgeWh(day, resolutionWh);
        var powerToday = day.CarriedWh - day.CarriedBridgedWh + (stretch.HasPowerToday ? stretch.MaxWh : 0);
        var bridged = day.CarriedBridgedWh + bridge;
        long? cap = day.LifetimeStartIsDayStart && day.LifetimeStartKwh is { } start && day.LifetimeEndKwh is { } end
            ? Math.Max(0, (long)Math.Ceiling(((end - start) * 1000) - 1e-6)) + resolutionWh
            : null;
        var total = powerToday + bridged;
        return new DayTotals(cap is { } bound && total > bound ? bound : total, powerToday, bridged, cap);
    }

    /// <summary>The bridged part of the current stretch, up to the day's latest lifetime.</summary>
    public static long StretchBridgeWh(DayEnergyState day, long resolutionWh)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.LifetimeEndKwh is { } end ? StretchBridgeWh(day, resolutionWh, end, 0) : 0;
    }

    /// <summary>
    /// The bridged part of the current stretch up to a lifetime <paramref name="end"/> at which a new counter already
    /// showed <paramref name="newCounterWh"/> (a restart): energy the new stretch counts is not bridged again.
    /// </summary>
    public static long StretchBridgeWh(DayEnergyState day, long resolutionWh, double end, long newCounterWh)
    {
        ArgumentNullException.ThrowIfNull(day);
        var stretch = day.Current;

        if (!stretch.HasPowerToday)
        {
            // No PowerToday in this stretch at all: PowerTotal's growth over it is the measure.
            var from = stretch.StartLifetimeKwh ?? (day.CarriedWh == 0 ? day.LifetimeStartKwh : null);
            return from is { } start && end > start ? (long)Math.Round((end - start) * 1000, MidpointRounding.AwayFromZero) : 0;
        }

        if ((stretch.OffsetMinWh ?? stretch.OffsetWh) is { } offset)
        {
            return Math.Max(0, offset + Wh(end) - resolutionWh - stretch.MaxWh - newCounterWh);
        }

        return stretch.LifetimeAtMaxKwh is { } atMax && end > atMax
            ? Math.Max(0, (long)Math.Floor((end - atMax) * 1000) - resolutionWh - newCounterWh)
            : 0;
    }

    /// <summary>A lifetime in kWh as whole watt-hours.</summary>
    public static long Wh(double kwh) => (long)Math.Round(kwh * 1000, MidpointRounding.AwayFromZero);
}

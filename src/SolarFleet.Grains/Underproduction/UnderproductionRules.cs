using System.Globalization;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// Underproduction by peer comparison, free of Orleans: an inverter's yield (energy per watt of DC nameplate) over a
/// window against the median of its neighbours' over the same window. Clouds and haze hit neighbours alike, so the
/// ratio holds on cloudy days; a window so dim that its median is noise says nothing.
/// </summary>
public static class UnderproductionRules
{
    /// <summary>Median yields below this (Wh per W over the window, per hour of it) are too dim to compare: 2 % of full sun.</summary>
    public const double MinMedianYieldPerHour = 0.02;

    /// <param name="window">The window judged.</param>
    /// <param name="yield">The inverter's own yield over it, as its peers' are (see <see cref="PeerYields.Of"/>).</param>
    /// <param name="peers">Its neighbours' yields over the same window.</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="own">The inverter against its own output in full sun, the judge when its peers are too few.</param>
    public static AlertObservation Judge(YieldWindow window, double yield, PeerMedian peers, UnderproductionOptions options, OwnClearSky? own = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (peers.Count < options.MinPeers)
        {
            return own?.Judge(window) ?? AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var median = peers.Median;
        if (median < MinMedianYieldPerHour * window.Length.TotalHours)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var ratio = yield / median;
        if (ratio >= options.ClearThreshold)
        {
            return AlertObservation.Absent(AlertKind.Underproducing);
        }

        if (ratio >= options.Threshold)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var over = window.IsDay ? "over the whole day" : string.Create(CultureInfo.InvariantCulture, $"over {window.Start:HH:mm}-{window.End:HH:mm} UTC");
        return new AlertObservation(
            AlertKind.Underproducing,
            AlertCondition.Present,
            string.Create(CultureInfo.InvariantCulture, $"Producing {ratio:P0} of its neighbours"),
            string.Create(CultureInfo.InvariantCulture, $"It made {yield:0.###} kWh per kWp {over}; the median of its {peers.Count} neighbours was {median:0.###} kWh per kWp ({ratio:P0}, below {options.Threshold:P0})."),
            new Dictionary<string, double>
            {
                ["yieldKwhPerKwp"] = Math.Round(yield, 4),
                ["peerMedianKwhPerKwp"] = Math.Round(median, 4),
                ["ratio"] = Math.Round(ratio, 3),
                ["peers"] = peers.Count,
                ["windowHours"] = Math.Round(window.Length.TotalHours, 2),
            },
            Decisive: window.IsDay);
    }
}

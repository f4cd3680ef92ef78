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

    public static AlertObservation Judge(CompletedYield own, double dcCapacityW, IReadOnlyList<PeerYield> peers, UnderproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(options);
        if (peers.Count < options.MinPeers || dcCapacityW <= 0)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var median = Median(peers.Select(p => p.Yield));
        if (median < MinMedianYieldPerHour * own.Window.Length.TotalHours)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var yield = own.EnergyWh / dcCapacityW;
        var ratio = yield / median;
        if (ratio >= options.ClearThreshold)
        {
            return AlertObservation.Absent(AlertKind.Underproducing);
        }

        if (ratio >= options.Threshold)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var over = own.Window.IsDay ? "over the whole day" : string.Create(CultureInfo.InvariantCulture, $"over {own.Window.Start:HH:mm}-{own.Window.End:HH:mm} UTC");
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
                ["windowHours"] = Math.Round(own.Window.Length.TotalHours, 2),
            },
            Decisive: own.Window.IsDay);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

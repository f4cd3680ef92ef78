using System.Globalization;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// Underproduction without peers, free of Orleans: an inverter against its own output in full sun. Its clearness is
/// power over what its nameplate would make under the clear-sky model's light; a window's is the 90th percentile of its
/// polls', so the sunny minutes between passing clouds count and the shadowed ones do not. What it makes in full sun
/// (its scale: array losses, soiling, a nameplate that is off) is learned from its own best days. Clouds cannot be told
/// from a fault by one inverter alone, so a window only clears the alert; it is raised at day close, when for
/// <see cref="UnderproductionOptions.OwnHistoryDays"/> days running no window came near its scale.
/// </summary>
public static class OwnClearSkyRules
{
    /// <summary>Light below this (W/m² on the array, clear sky) makes power that is mostly noise.</summary>
    public const double MinIrradiance = 100;

    /// <summary>Fewest polls for a window's percentile.</summary>
    public const int MinSamples = 3;

    /// <summary>Power over what the nameplate makes under the clear-sky light on the array: about 0.8 for a healthy array in full sun.</summary>
    public static double Clearness(int powerW, int dcCapacityW, double clearSkyIrradiance) =>
        Math.Max(0, powerW) / (dcCapacityW * clearSkyIrradiance / 1000.0);

    /// <summary>The 90th percentile of a window's clearness samples; null with fewer than <see cref="MinSamples"/>.</summary>
    public static double? WindowClearness(List<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < MinSamples)
        {
            return null;
        }

        samples.Sort();
        return samples[(int)Math.Floor(0.9 * (samples.Count - 1))];
    }

    /// <summary>
    /// Its output in full sun as learned before <paramref name="before"/>: the second best of its days within
    /// <see cref="UnderproductionOptions.LearningDays"/> not judged underproducing (the best may be a freak), or null
    /// while fewer than <see cref="UnderproductionOptions.MinLearnedDays"/> are known.
    /// </summary>
    public static double? Scale(IReadOnlyList<OwnOutputDay> days, DateOnly before, UnderproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var from = before.AddDays(-options.LearningDays);
        var learned = days
            .Where(d => d.Date < before && d.Date >= from && !d.Underproducing)
            .Select(d => d.BestClearness)
            .OrderDescending()
            .ToArray();
        return learned.Length < Math.Max(2, options.MinLearnedDays) || learned[1] <= 0 ? null : learned[1];
    }

    /// <summary>A daylight window: clear when it came near its scale, otherwise not known (it may only have been cloudy).</summary>
    public static AlertObservation JudgeWindow(double? windowClearness, DateOnly date, IReadOnlyList<OwnOutputDay> days, UnderproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return windowClearness is { } clearness && Scale(days, date, options) is { } scale && clearness >= options.ClearThreshold * scale
            ? AlertObservation.Absent(AlertKind.Underproducing)
            : AlertObservation.Unknown(AlertKind.Underproducing);
    }

    /// <summary>
    /// The day <paramref name="date"/> closed: underproducing when on none of it and the
    /// <see cref="UnderproductionOptions.OwnHistoryDays"/> - 1 days before did a window reach the threshold of its scale.
    /// </summary>
    public static AlertObservation JudgeDay(DateOnly date, IReadOnlyList<OwnOutputDay> days, UnderproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var first = date.AddDays(1 - options.OwnHistoryDays);
        var span = days.Where(d => d.Date >= first && d.Date <= date).ToArray();
        if (span.Length < options.OwnHistoryDays || Scale(days, first, options) is not { } scale)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var best = span.Max(d => d.BestClearness);
        var ratio = best / scale;
        if (ratio >= options.ClearThreshold)
        {
            return AlertObservation.Absent(AlertKind.Underproducing);
        }

        if (ratio >= options.Threshold)
        {
            return AlertObservation.Unknown(AlertKind.Underproducing);
        }

        var how = options.OwnHistoryDays == 1 ? "all day" : string.Create(CultureInfo.InvariantCulture, $"for {options.OwnHistoryDays} days running");
        return new AlertObservation(
            AlertKind.Underproducing,
            AlertCondition.Present,
            string.Create(CultureInfo.InvariantCulture, $"Producing {ratio:P0} of its own output in full sun"),
            string.Create(CultureInfo.InvariantCulture, $"Too few neighbours to compare with, so it is compared with itself: {how} its best hour reached {ratio:P0} of what it makes in full sun (learned from its own best days), below {options.Threshold:P0}. Clouds all that time would look the same."),
            new Dictionary<string, double>
            {
                ["bestClearness"] = Math.Round(best, 3),
                ["learnedClearness"] = Math.Round(scale, 3),
                ["ratio"] = Math.Round(ratio, 3),
                ["days"] = options.OwnHistoryDays,
            },
            Decisive: true);
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;
using SolarFleet.Grains.Alerts;

namespace SolarFleet.Silo.Hosting;

/// <summary>
/// Checks the alert rules' settings (SolarFleet:Alerts) before the silo starts: a window of zero would fail every poll,
/// a threshold above one would call every inverter underproducing. Every message names its setting.
/// </summary>
public static class AlertRuleErrors
{
    private const string Section = AlertRuleOptions.Section;

    /// <summary>Binds the section; a value that is not of its setting's type is an error, and the defaults are checked instead.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            var options = new AlertRuleOptions();
            configuration.GetSection(Section).Bind(options);
            return Find(options);
        }
        catch (InvalidOperationException ex)
        {
            return [ex.Message];
        }
    }

    public static IReadOnlyList<string> Find(AlertRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var under = options.Underproduction;
        const string U = Section + ":Underproduction";
        Check(errors, under.Window >= TimeSpan.FromMinutes(1) && under.Window <= TimeSpan.FromHours(6), $"{U}:Window must be from 00:01:00 to 06:00:00 (was {under.Window:c}).");
        Check(errors, under.Threshold is > 0 and < 1, Invariant($"{U}:Threshold must be above 0 and below 1, a share of what is expected (was {under.Threshold})."));
        Check(errors, under.ClearThreshold > under.Threshold && under.ClearThreshold <= 1, Invariant($"{U}:ClearThreshold must be above Threshold ({under.Threshold}) and at most 1 (was {under.ClearThreshold})."));
        Check(errors, under.PeerRadiusKm is > 0 and <= 500, Invariant($"{U}:PeerRadiusKm must be above 0 and at most 500 (was {under.PeerRadiusKm})."));
        Check(errors, under.MinPeers is >= 1 and <= 1000, Invariant($"{U}:MinPeers must be from 1 to 1000 (was {under.MinPeers})."));
        Check(errors, under.NearestPeers >= under.MinPeers && under.NearestPeers <= 1000, Invariant($"{U}:NearestPeers must be from MinPeers ({under.MinPeers}) to 1000 (was {under.NearestPeers})."));
        Check(errors, under.OwnHistoryDays is >= 1 and <= 14, Invariant($"{U}:OwnHistoryDays must be from 1 to 14 (was {under.OwnHistoryDays})."));
        Check(errors, under.MinLearnedDays is >= 2 and <= 365, Invariant($"{U}:MinLearnedDays must be from 2 to 365 (was {under.MinLearnedDays})."));
        Check(errors, under.LearningDays >= under.MinLearnedDays && under.LearningDays <= 365, Invariant($"{U}:LearningDays must be from MinLearnedDays ({under.MinLearnedDays}) to 365 (was {under.LearningDays})."));
        Check(errors, under.PeerSettle >= TimeSpan.Zero && under.PeerSettle < under.Window, $"{U}:PeerSettle must be at least 00:00:00 and shorter than the window (was {under.PeerSettle:c}).");
        Check(errors, under.MinSunElevationDegrees is >= 0 and < 90, Invariant($"{U}:MinSunElevationDegrees must be from 0 to below 90 (was {under.MinSunElevationDegrees})."));

        var daylight = options.Daylight;
        const string D = Section + ":Daylight";
        Check(errors, daylight.MinElevationDegrees is >= 0 and < 90, Invariant($"{D}:MinElevationDegrees must be from 0 to below 90 (was {daylight.MinElevationDegrees})."));
        Check(errors, daylight.ApproximateMarginDegrees is >= 0 and < 90, Invariant($"{D}:ApproximateMarginDegrees must be from 0 to below 90 (was {daylight.ApproximateMarginDegrees})."));
        Check(errors, daylight.DarkAfter >= TimeSpan.Zero, $"{D}:DarkAfter must not be negative (was {daylight.DarkAfter:c}).");

        var grid = options.Grid;
        const string G = Section + ":Grid";
        Check(errors, grid.MinVoltageV > 0 && grid.MinVoltageV < grid.MaxVoltageV, Invariant($"{G}:MinVoltageV must be above 0 and below MaxVoltageV (were {grid.MinVoltageV} and {grid.MaxVoltageV})."));
        Check(errors, grid.MinFrequencyHz > 0 && grid.MinFrequencyHz < grid.MaxFrequencyHz, Invariant($"{G}:MinFrequencyHz must be above 0 and below MaxFrequencyHz (were {grid.MinFrequencyHz} and {grid.MaxFrequencyHz})."));
        Check(errors, grid.VoltageMarginV >= 0 && grid.VoltageMarginV * 2 < grid.MaxVoltageV - grid.MinVoltageV, Invariant($"{G}:VoltageMarginV must be at least 0 and less than half the range (was {grid.VoltageMarginV})."));
        Check(errors, grid.FrequencyMarginHz >= 0 && grid.FrequencyMarginHz * 2 < grid.MaxFrequencyHz - grid.MinFrequencyHz, Invariant($"{G}:FrequencyMarginHz must be at least 0 and less than half the range (was {grid.FrequencyMarginHz})."));

        foreach (var (kind, timing) in options.Timing)
        {
            Check(errors, timing.RaiseAfter is null || timing.RaiseAfter >= TimeSpan.Zero, $"{Section}:Timing:{kind}:RaiseAfter must not be negative (was {timing.RaiseAfter:c}).");
            Check(errors, timing.ClearAfter is null || timing.ClearAfter >= TimeSpan.Zero, $"{Section}:Timing:{kind}:ClearAfter must not be negative (was {timing.ClearAfter:c}).");
        }

        return errors;
    }

    private static void Check(List<string> errors, bool valid, string message)
    {
        if (!valid)
        {
            errors.Add(message);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

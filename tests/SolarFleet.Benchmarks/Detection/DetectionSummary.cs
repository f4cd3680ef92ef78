using System.Globalization;
using System.Text.Json;
using SolarFleet.Abstractions.Alerts;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>Turns the outcomes of the days under one sky into its figures.</summary>
public static class DetectionSummary
{
    public static SkyReport Of(string sky, double cover, IReadOnlyList<DayOutcome> days, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(days);
        var outcomes = days.SelectMany(d => d.Sites).ToList();
        var healthy = outcomes.Where(o => o.Fault is null).ToList();

        // A day judged alone is simulated with the days it learns from and waits for: each is a site-day.
        var siteDays = days.Sum(d => d.Sites.Count * d.DaysSimulated);
        var healthySiteDays = days.Sum(d => d.Sites.Count(o => o.Fault is null) * d.DaysSimulated);
        var faults = Enum.GetValues<InjectedFault>()
            .Select(fault => Figures(fault.Name(), AlertName(fault.ExpectedAlert()), MeasuredFrom(fault), outcomes.Where(o => o.Fault == fault).ToList()))
            .ToArray();
        var underproduction = Figures(
            "every underproduction fault (80 % or less)",
            AlertName(AlertKind.Underproducing),
            "the fault's start",
            outcomes.Where(o => o.Fault is { } f && f.IsUnderproduction()).ToList());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(DetectionDay.TimeZone);
        var falseAlerts = healthy.SelectMany(o => o.OtherAlerts)
            .GroupBy(alert => alert.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new FalseAlertFigures(
                AlertName(g.Key),
                g.Count(),
                PerThousand(g.Count(), healthySiteDays),
                g.Select(a => TimeZoneInfo.ConvertTime(a.At, zone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToArray()))
            .ToArray();
        return new SkyReport
        {
            Sky = sky,
            Cover = cover,
            SiteDays = siteDays,
            HealthySiteDays = healthySiteDays,
            Polls = days.Sum(d => d.Polls),
            ElapsedSeconds = Math.Round(elapsedSeconds, 1),
            Faults = faults,
            Underproduction = underproduction,
            FalseAlerts = falseAlerts,
            FalseAlertsPerThousandSiteDays = PerThousand(falseAlerts.Sum(f => f.Count), healthySiteDays),
            AlsoRaisedOnFaultySites = outcomes.Where(o => o.Fault is not null).SelectMany(o => o.OtherAlerts)
                .GroupBy(alert => alert.Kind).OrderBy(g => g.Key).ToDictionary(g => AlertName(g.Key), g => g.Count()),
        };
    }

    /// <summary>The API's name of an alert kind (camelCase).</summary>
    public static string AlertName(AlertKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static string MeasuredFrom(InjectedFault fault) => fault switch
    {
        InjectedFault.DarkAllDay => "the sun at 12° (daylight)",
        InjectedFault.ClockOff => "sunrise (first TimeStamp of the day)",
        _ => "the fault's start",
    };

    private static FaultFigures Figures(string fault, string alert, string measuredFrom, List<SiteOutcome> sites)
    {
        var minutes = sites.Where(o => o.MinutesToDetect is not null).Select(o => Math.Round(o.MinutesToDetect!.Value, 1)).Order().ToArray();
        return new FaultFigures(
            fault,
            alert,
            measuredFrom,
            sites.Count,
            minutes.Length,
            sites.Count == 0 ? 0 : Math.Round(minutes.Length / (double)sites.Count, 3),
            minutes.Length == 0 ? null : Math.Round(Median(minutes), 1),
            minutes.Length == 0 ? null : minutes[^1],
            minutes);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static double PerThousand(int count, int siteDays) => siteDays == 0 ? 0 : Math.Round(count * 1000.0 / siteDays, 2);
}

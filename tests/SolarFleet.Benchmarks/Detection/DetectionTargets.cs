using System.Globalization;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>Issue 12's detection targets, checked against a run's figures under every sky.</summary>
public static class DetectionTargets
{
    public const double MaxMinutesFromDaylight = 30;
    public const double MinUnderproductionRate = 0.9;
    public const double MaxFalseAlertsPerThousandSiteDays = 1;

    /// <summary>Faults that must all be caught within <see cref="MaxMinutesFromDaylight"/>.</summary>
    public static IReadOnlyList<InjectedFault> Prompt { get; } = [InjectedFault.DarkAllDay, InjectedFault.DarkFromNoon, InjectedFault.Unreachable];

    /// <summary>One line per missed target, with the figure; empty when all are met.</summary>
    public static IReadOnlyList<string> Missed(IEnumerable<SkyReport> skies)
    {
        ArgumentNullException.ThrowIfNull(skies);
        var missed = new List<string>();
        foreach (var sky in skies)
        {
            foreach (var fault in Prompt)
            {
                var figures = sky.Faults.Single(f => f.Fault == fault.Name());
                if (figures.Injected > 0 && (figures.Detected < figures.Injected || figures.MaxMinutes > MaxMinutesFromDaylight))
                {
                    missed.Add(Line($"{sky.Sky}: {figures.Fault} caught on {figures.Detected} of {figures.Injected}, at worst after {figures.MaxMinutes?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"} min (target: all within {MaxMinutesFromDaylight} min)"));
                }
            }

            var under = sky.Underproduction;
            if (under.Injected > 0 && under.DetectionRate < MinUnderproductionRate)
            {
                missed.Add(Line($"{sky.Sky}: underproduction caught on {under.Detected} of {under.Injected} ({under.DetectionRate:P0}; target {MinUnderproductionRate:P0})"));
            }

            if (sky.FalseAlertsPerThousandSiteDays > MaxFalseAlertsPerThousandSiteDays)
            {
                missed.Add(Line($"{sky.Sky}: {sky.FalseAlertsPerThousandSiteDays:0.##} false alerts per 1,000 site-days (target at most {MaxFalseAlertsPerThousandSiteDays})"));
            }
        }

        return missed;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

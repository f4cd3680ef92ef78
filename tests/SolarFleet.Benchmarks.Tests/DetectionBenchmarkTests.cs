using SolarFleet.Benchmarks.Detection;

namespace SolarFleet.Benchmarks.Tests;

/// <summary>The detection benchmark at test size: 40 sites over one cloudy day, on fake time, in a few seconds.</summary>
public sealed class DetectionBenchmarkTests
{
    [Fact]
    public void A_small_cloudy_day_reports_every_fault_kind_and_catches_the_inverter_dark_all_day_within_half_an_hour_of_daylight()
    {
        using var log = new StringWriter();
        var arguments = new DetectionArguments { Sites = 40, Clear = false, Cloudy = true };

        var report = DetectionCommand.Measure(arguments, "detect --sites 40 --sky cloudy", log);

        var sky = Assert.Single(report.Skies);
        Assert.Equal("cloudy", sky.Sky);
        Assert.Equal(40, sky.SiteDays);
        Assert.Equal(36, sky.HealthySiteDays);
        Assert.Equal(Enum.GetValues<InjectedFault>().Select(f => f.Name()), sky.Faults.Select(f => f.Fault));
        Assert.True(sky.Polls > 40 * 3000, $"Only {sky.Polls} polls: a day of 23 s polls is over 3,000 per site.");

        var dark = sky.Faults.Single(f => f.Fault == InjectedFault.DarkAllDay.Name());
        Assert.Equal("darkInDaylight", dark.Alert);
        Assert.Equal(1, dark.Injected);
        Assert.Equal(1, dark.Detected);
        Assert.InRange(dark.MaxMinutes!.Value, 0, DetectionTargets.MaxMinutesFromDaylight);
        Assert.Contains("Dark all day", DetectionTable.Markdown(report), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<svg", DetectionPlot.Svg(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Sites_alone_learn_their_own_full_sun_and_catch_a_derate_two_whole_days_after_it_began_with_no_false_alert()
    {
        using var log = new StringWriter();
        var arguments = new DetectionArguments { Sites = 30, Clear = true, Cloudy = false, FaultyShare = 0.1, Alone = true };

        var report = DetectionCommand.Measure(arguments, "detect --alone --sites 30 --sky clear", log);

        var sky = Assert.Single(report.Skies);
        Assert.True(report.Alone);

        // Three days learned, the fault day, and the two whole days its verdict waits for.
        Assert.Equal(30 * 6, sky.SiteDays);
        Assert.Equal(3, sky.Underproduction.Injected);
        Assert.Equal(3, sky.Underproduction.Detected);
        Assert.Empty(sky.FalseAlerts);
    }

    [Fact]
    public void Targets_name_a_dark_site_caught_late_and_too_many_false_alerts()
    {
        var faults = Enum.GetValues<InjectedFault>()
            .Select(f => new FaultFigures(f.Name(), "x", "start", 1, 1, 1, 5, f == InjectedFault.DarkAllDay ? 45 : 5, [5]))
            .ToArray();
        var sky = new SkyReport
        {
            Sky = "clear", Cover = 0, SiteDays = 1000, HealthySiteDays = 990, Polls = 1, ElapsedSeconds = 1, Faults = faults,
            Underproduction = new FaultFigures("all", "underproducing", "start", 10, 9, 0.9, 5, 5, []),
            FalseAlerts = [new FalseAlertFigures("underproducing", 3, 3.03, ["12-01 14:02"])], FalseAlertsPerThousandSiteDays = 3.03,
            AlsoRaisedOnFaultySites = new Dictionary<string, int>(),
        };

        var missed = DetectionTargets.Missed([sky]);

        Assert.Equal(2, missed.Count);
        Assert.Contains(missed, line => line.Contains("dark all day", StringComparison.Ordinal) && line.Contains("45.0 min", StringComparison.Ordinal));
        Assert.Contains(missed, line => line.Contains("3.03 false alerts", StringComparison.Ordinal));
    }
}

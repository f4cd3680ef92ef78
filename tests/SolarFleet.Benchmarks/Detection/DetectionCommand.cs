using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Detection;

/// <summary>
/// <c>detect [--sites 300] [--sky both] ...</c>: simulates days of a region with faults injected and prints how the
/// alert rules caught them, as JSON (optionally a Markdown table and an SVG plot too). Exit code 0 when every target
/// is met, 1 when one is missed, 2 for bad arguments.
/// </summary>
public static class DetectionCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (arguments, exit) = await CommandLine.ParseAsync(args, DetectionArguments.Parse, DetectionArguments.Usage, output, error);
        if (arguments is null)
        {
            return exit;
        }

        var report = Measure(arguments, "detect " + string.Join(' ', args), error);
        await output.WriteLineAsync(JsonSerializer.Serialize(report, CommandLine.Json));
        if (arguments.SvgPath is { } svg)
        {
            await File.WriteAllTextAsync(svg, DetectionPlot.Svg(report));
        }

        if (arguments.TablePath is { } table)
        {
            await File.WriteAllTextAsync(table, DetectionTable.Markdown(report));
        }

        foreach (var missed in report.TargetsMissed)
        {
            await error.WriteLineAsync($"target missed: {missed}");
        }

        return report.TargetsMissed.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs every day under every sky asked for; progress lines go to <paramref name="log"/>.</summary>
    public static DetectionReport Measure(DetectionArguments arguments, string command, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(log);
        var skies = new List<SkyReport>();
        foreach (var cloudy in new[] { false, true }.Where(c => c ? arguments.Cloudy : arguments.Clear))
        {
            var clock = Stopwatch.StartNew();
            var days = new List<DayOutcome>();
            for (var day = 0; day < arguments.Days; day++)
            {
                days.Add(DetectionDay.Simulate(arguments, cloudy, day));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(cloudy ? "cloudy" : "clear")} day {day + 1}/{arguments.Days} done after {clock.Elapsed.TotalSeconds:0.0} s"));
            }

            skies.Add(DetectionSummary.Of(cloudy ? "cloudy" : "clear", cloudy ? arguments.Cover : 0, days, clock.Elapsed.TotalSeconds));
        }

        return new DetectionReport
        {
            Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Machine = MachineInfo.Describe(),
            Command = command,
            Sites = arguments.Sites,
            RegionKm = arguments.RegionKm,
            PeriodSeconds = arguments.PeriodSeconds,
            FaultyShare = arguments.FaultyShare,
            DaysPerSky = arguments.Days,
            FirstDate = arguments.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Alone = arguments.Alone,
            Skies = skies,
            TargetsMissed = DetectionTargets.Missed(skies),
        };
    }
}

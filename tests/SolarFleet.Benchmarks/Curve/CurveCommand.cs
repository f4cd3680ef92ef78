using System.Text.Json;
using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Curve;

/// <summary>
/// <c>curve [--sizes 1000,...] [fleet options]</c>: one fleet run per size, smallest first, then the cost curve as
/// JSON (and optionally an SVG plot and a Markdown table). Exit code 0 when every curve target is met, 1 when one is
/// missed, 2 for bad arguments, 3 when cancelled.
/// </summary>
public static class CurveCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, exit) = await CommandLine.ParseAsync(args, CurveArguments.Parse, CurveArguments.Usage + "\n" + FleetArguments.Usage, output, error);
        if (arguments is null)
        {
            return exit;
        }

        CurveReport report;
        try
        {
            report = await MeasureAsync(arguments, "curve " + string.Join(' ', args), error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: the curve was cancelled (every process it started has been stopped)");
            return 3;
        }

        await output.WriteLineAsync(ToJson(report));
        foreach (var missed in report.TargetsMissed)
        {
            await error.WriteLineAsync($"target missed: {missed}");
        }

        return report.TargetsMissed.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs (or, with --resume, reads back) every size. A size whose run fails is named in the report and the next one
    /// is still run: the larger fleets are where a machine gives out, and the smaller points stay worth having.
    /// </summary>
    public static async Task<CurveReport> MeasureAsync(CurveArguments arguments, string command, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var output = arguments.OutputDirectory ?? Directory.CreateTempSubdirectory("solarfleet-curve-").FullName;
        var points = new List<CurvePoint>();
        var failed = new Dictionary<int, string>();
        foreach (var size in arguments.Sizes)
        {
            var directory = Path.Combine(output, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var summary = Path.Combine(directory, "summary.json");
            if (arguments.Resume && File.Exists(summary))
            {
                await log.WriteLineAsync($"curve: {size} inverters from {summary}");
                points.Add(CurvePoint.From(JsonSerializer.Deserialize<FleetReport>(await File.ReadAllTextAsync(summary, cancellationToken), CommandLine.Json)!));
                continue;
            }

            await log.WriteLineAsync($"curve: {size} inverters, runs in {directory}");
            try
            {
                var fleet = arguments.ForSize(size, directory);
                points.Add(CurvePoint.From(await new FleetRun(fleet, log).RunAsync($"fleet {string.Join(' ', arguments.FleetOptions)} --inverters {size}", cancellationToken)));
            }
            catch (Exception e) when (CommandLine.IsRunFailure(e))
            {
                failed[size] = e.Message;
                await log.WriteLineAsync($"curve: {size} inverters failed: {e.Message}");
            }
        }

        var report = new CurveReport
        {
            Date = points.Count > 0 ? $"{points[0].Date} to {points[^1].Date}" : TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            Machine = MachineInfo.Describe(),
            Command = command,
            Points = points,
            Failed = failed,
        };
        report = report with { TargetsMissed = CurveTargets.Missed(report) };
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "curve.json"), ToJson(report), cancellationToken);
        if (arguments.SvgPath is { } svg)
        {
            await File.WriteAllTextAsync(svg, CurvePlot.Svg(report), cancellationToken);
        }

        if (arguments.TablePath is { } table)
        {
            await File.WriteAllTextAsync(table, CurveTable.Markdown(report), cancellationToken);
        }

        return report;
    }

    public static string ToJson(CurveReport report) => JsonSerializer.Serialize(report, CommandLine.Json);
}

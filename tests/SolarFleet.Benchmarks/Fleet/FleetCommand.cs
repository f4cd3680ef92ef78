using System.Globalization;
using System.Text.Json;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>
/// <c>fleet --inverters N --period S --duration S [--storage memory|postgres]</c>: runs the fleet benchmark and
/// prints its JSON summary. Exit code 0 when every target is met, 1 when one is missed, 2 for bad arguments,
/// 3 when the run itself failed.
/// </summary>
public static class FleetCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, exit) = await CommandLine.ParseAsync(args, FleetArguments.Parse, FleetArguments.Usage, output, error);
        if (arguments is null)
        {
            return exit;
        }

        FleetReport report;
        try
        {
            report = await new FleetRun(arguments, error).RunAsync("fleet " + string.Join(' ', args), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: the fleet run was cancelled (every process it started has been stopped)");
            return 3;
        }
        catch (Exception e) when (CommandLine.IsRunFailure(e))
        {
            await error.WriteLineAsync($"error: the fleet run failed: {e.Message}");
            return 3;
        }

        await output.WriteLineAsync(ToJson(report));
        foreach (var missed in report.TargetsMissed)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"target missed: {missed}"));
        }

        return report.TargetsMissed.Count == 0 ? 0 : 1;
    }

    public static string ToJson(FleetReport report) => JsonSerializer.Serialize(report, CommandLine.Json);
}

using System.Text.Json;

namespace SolarFleet.Benchmarks.Failover;

/// <summary>
/// <c>failover --inverters N [--period S]</c>: runs the two-silo failover benchmark and prints its JSON summary. Exit
/// code 0 when every target is met, 1 when one is missed, 2 for bad arguments, 3 when the run itself failed.
/// </summary>
public static class FailoverCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (arguments, exit) = await CommandLine.ParseAsync(args, FailoverArguments.Parse, FailoverArguments.Usage, output, error);
        if (arguments is null)
        {
            return exit;
        }

        FailoverReport report;
        try
        {
            report = await new FailoverRun(arguments, error).RunAsync("failover " + string.Join(' ', args), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: the failover run was cancelled (every process it started has been stopped)");
            return 3;
        }
        catch (Exception e) when (CommandLine.IsRunFailure(e))
        {
            await error.WriteLineAsync($"error: the failover run failed: {e.Message}");
            return 3;
        }

        await output.WriteLineAsync(ToJson(report));
        foreach (var missed in report.TargetsMissed)
        {
            await error.WriteLineAsync($"target missed: {missed}");
        }

        return report.TargetsMissed.Count == 0 ? 0 : 1;
    }

    public static string ToJson(FailoverReport report) => JsonSerializer.Serialize(report, CommandLine.Json);
}

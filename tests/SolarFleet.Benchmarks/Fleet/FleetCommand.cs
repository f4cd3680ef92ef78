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
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help" or "-h"])
        {
            await output.WriteLineAsync(FleetArguments.Usage);
            return 0;
        }

        FleetArguments arguments;
        try
        {
            arguments = FleetArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync(FleetArguments.Usage);
            return 2;
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
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TimeoutException or FormatException)
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

    public static string ToJson(FleetReport report) => JsonSerializer.Serialize(report, Json);
}

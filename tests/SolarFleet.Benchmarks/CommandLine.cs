using System.Text.Json;
using System.Text.Json.Serialization;

namespace SolarFleet.Benchmarks;

/// <summary>What every benchmark command does alike: its JSON, its help and its answer to bad options.</summary>
internal static class CommandLine
{
    /// <summary>Indented camelCase; a figure that could not be measured (NaN) is written, not a crash.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// The parsed options, or the exit code to end with: 0 after printing the usage for --help, 2 after naming what is
    /// wrong with the options.
    /// </summary>
    public static async Task<(T? Arguments, int Exit)> ParseAsync<T>(IReadOnlyList<string> args, Func<IReadOnlyList<string>, T> parse, string usage, TextWriter output, TextWriter error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help" or "-h"])
        {
            await output.WriteLineAsync(usage);
            return (null, 0);
        }

        try
        {
            return (parse(args), 0);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync(usage);
            return (null, 2);
        }
    }

    /// <summary>
    /// How a run fails for a reason outside the benchmark (a child process, the network, a file, a timeout, an answer
    /// it cannot read): reported as "the run failed", not thrown as a bug.
    /// </summary>
    public static bool IsRunFailure(Exception exception) =>
        exception is InvalidOperationException or IOException or HttpRequestException or TimeoutException or FormatException;
}

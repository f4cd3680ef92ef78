using SolarFleet.Cli.Probe;

namespace SolarFleet.Cli;

/// <summary>The <c>solarfleet</c> command line: picks the command and runs it.</summary>
public static class CliApp
{
    public const string Name = "solarfleet";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        switch (args.Length == 0 ? null : args[0])
        {
            case "probe":
                return await ProbeCommand.RunAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
            case "--help" or "-h" or "help":
                await stdout.WriteAsync(Usage).ConfigureAwait(false);
                return ExitCodes.Ok;
            case null:
                await stderr.WriteLineAsync($"{Name}: no command given (try '{Name} --help')").ConfigureAwait(false);
                return ExitCodes.Usage;
            case var unknown:
                await stderr.WriteLineAsync($"{Name}: unknown command '{unknown}' (try '{Name} --help')").ConfigureAwait(false);
                return ExitCodes.Usage;
        }
    }

    private static string Usage => $"""
        usage: {Name} <command> [options]

        commands:
          probe HOST:PORT    poll one Pi once and show what it answers ('{Name} probe --help')

        """;
}

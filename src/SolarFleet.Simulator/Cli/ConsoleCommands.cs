using System.Globalization;
using System.Text;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Time;

namespace SolarFleet.Simulator.Cli;

/// <summary>
/// Lines a load generator writes to the simulator's standard input, each answered with one line on standard output:
/// <c>stats</c> gives every Pi's connections, most connections served at once and energy produced today (site-local);
/// <c>freeze</c> stops the simulated clock so that the truth stops moving.
/// </summary>
internal static class ConsoleCommands
{
    /// <summary>The answer to <paramref name="command"/>, or null when it is not one.</summary>
    public static string? Answer(string command, PiSimulator simulator, FreezableTimeProvider clock) => command.Trim() switch
    {
        "stats" => Stats(simulator),
        "freeze" => string.Create(CultureInfo.InvariantCulture, $"frozen: {clock.Freeze():O}"),
        _ => null,
    };

    /// <summary><c>stats: C/M/E C/M/E ...</c>, one triple per Pi in order.</summary>
    public static string Stats(PiSimulator simulator)
    {
        var line = new StringBuilder("stats:", 16 + (simulator.Pis.Count * 20));
        var now = simulator.Time.GetUtcNow();
        foreach (var pi in simulator.Pis)
        {
            var today = DateOnly.FromDateTime(pi.Site.LocalTime(now));
            line.Append(CultureInfo.InvariantCulture, $" {pi.ConnectionsAccepted}/{pi.MaxConcurrentConnections}/{pi.EnergyOn(today)}");
        }

        return line.ToString();
    }

    /// <summary>Answers each command line until standard input ends (a terminal closed, or no input at all).</summary>
    public static async Task ServeAsync(TextReader input, TextWriter output, PiSimulator simulator, FreezableTimeProvider clock, CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } command)
        {
            if (Answer(command, simulator, clock) is { } answer)
            {
                await output.WriteLineAsync(answer.AsMemory(), cancellationToken);
                await output.FlushAsync(cancellationToken);
            }
        }
    }
}

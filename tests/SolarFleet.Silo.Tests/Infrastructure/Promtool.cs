using System.Diagnostics;

namespace SolarFleet.Silo.Tests.Infrastructure;

/// <summary>Prometheus' promtool (Debian's <c>prometheus</c> package, which <c>.ci/run</c> installs).</summary>
public static class Promtool
{
    public static string Path { get; } = Find("promtool");

    /// <summary>Runs promtool with the arguments, feeding it <paramref name="stdin"/> when given.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string? stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>A program of the prometheus package: in /usr/bin, or on the PATH.</summary>
    public static string Find(string program)
    {
        var candidates = new[] { "/usr/bin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(dir => System.IO.Path.Combine(dir, program));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} is not installed: install Debian's prometheus package (apt-get install prometheus), as .ci/run does.");
    }
}

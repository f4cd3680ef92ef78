using System.Diagnostics;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>The real silo host, <c>dotnet SolarFleet.Silo.dll</c>, as operators run it.</summary>
public static class SiloExecutable
{
    public static string Directory => AppContext.BaseDirectory;

    /// <summary>The dotnet host running the tests (the one on PATH when run otherwise).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary><c>dotnet SolarFleet.Silo.dll</c> of <paramref name="directory"/>, run from there, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The host reads appsettings.json from its content root, the working directory.
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(directory, "SolarFleet.Silo.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The silo of the tests' output folder, configured by <paramref name="arguments"/> alone.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = StartInfo(Directory, arguments);

        // Settings come only from the command line: nothing from the test runner's environment leaks in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SolarFleet__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    /// <summary>Runs a command to completion (killed after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static Task<CommandRun> RunAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync(StartInfo(arguments), timeout, TestContext.Current.CancellationToken);

    /// <summary>Runs a process to completion (killed with its children after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<CommandRun> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken ct)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(timeout, ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new CommandRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>The exit code and output of a finished command.</summary>
public sealed record CommandRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Lines(Stdout);

    public string[] StderrLines => Lines(Stderr);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

namespace SolarFleet.Cli.Tests;

/// <summary>What one run of the command line printed and returned.</summary>
public sealed record ProbeRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <c>solarfleet</c> in-process with the given arguments.</summary>
    public static async Task<ProbeRun> InProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new ProbeRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a failure: the exit code, nothing on stdout, and exactly one stderr line holding <paramref name="cause"/>.</summary>
    public void AssertFailed(int exitCode, string cause)
    {
        Assert.Equal(string.Empty, Stdout);
        var line = Assert.Single(StderrLines);
        Assert.StartsWith("solarfleet", line, StringComparison.Ordinal);
        Assert.Contains(cause, line, StringComparison.Ordinal);
        Assert.Equal(exitCode, ExitCode);
    }
}

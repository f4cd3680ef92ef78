using System.Diagnostics;
using System.Net;
using SolarFleet.Protocol.Queries;
using SolarFleet.Protocol.Tests.Peers;

namespace SolarFleet.Cli.Tests;

/// <summary>The real <c>solarfleet</c> executable, run as a user would run it.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task The_executable_exits_unreachable_with_one_stderr_line_and_no_stack_trace()
    {
        using var closed = ScriptedPi.BindInPiRange(static _ => { });
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;

        var run = await RunAsync("probe", $"127.0.0.1:{port}", "--timeout", "5");

        run.AssertFailed(ExitCodes.Unreachable, $"solarfleet probe: connection refused by 127.0.0.1:{port} (nothing listening)");
    }

    [Fact]
    public async Task The_executable_prints_json_for_a_good_pi()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries));

        var run = await RunAsync("probe", pi.Endpoint.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.StartsWith("{\"powerNow\":2984,", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_exits_all_refused_when_the_pi_refuses_every_query()
    {
        await using var pi = ScriptedPi.Answering(queries => SampleAnswers.For(queries, refused: PiQuerySet.All));

        var run = await RunAsync("probe", pi.Endpoint.ToString(), "--json");

        run.AssertFailed(ExitCodes.AllRefused, $"solarfleet probe: {pi.Endpoint} refused all 8 queries");
    }

    private static async Task<ProbeRun> RunAsync(params string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "solarfleet.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return new ProbeRun(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SolarFleet.Protocol.Polling;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>The simulator as an executable: one ready line, then it serves until killed.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task It_prints_one_ready_line_and_serves_the_Pis_it_names()
    {
        using var deadline = TestClock.Deadline(20);
        using var process = Start("--pis", "3", "--base-port", "0", "--start", "12:00", "--fault", "2=crlf");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync(deadline.Token);

            var match = Regex.Match(ready ?? "", @"^ready: 3 Pis on (.+)$");
            Assert.True(match.Success, $"Ready line was '{ready}'.");
            var endpoints = ParseEndpoints(match.Groups[1].Value);
            Assert.Equal(3, endpoints.Count);
            Assert.Equal(8, (await WireClient.PollAsync(endpoints[0], deadline.Token)).Count);
            Assert.EndsWith("\r\n", await WireClient.AskAsync(endpoints[2], "Status\n", deadline.Token), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("--pis", "many")]
    [InlineData("--base-port", "80")]
    [InlineData("--fault", "0=sparks")]
    [InlineData("--tz", "Nowhere/Special")]
    [InlineData("--frobnicate", "1")]
    public async Task Bad_arguments_give_one_error_line_and_exit_code_2(string option, string value)
    {
        using var deadline = TestClock.Deadline(20);
        using var process = Start(option, value);

        var stderr = await process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Matches(@"^error: [^\n]+\n$", stderr.ReplaceLineEndings("\n"));
        Assert.Empty(await process.StandardOutput.ReadToEndAsync(deadline.Token));
    }

    /// <summary>Reads "127.0.0.1:50000-50002, 127.0.0.2:50000" back into endpoints.</summary>
    private static List<PiEndpoint> ParseEndpoints(string description)
    {
        var endpoints = new List<PiEndpoint>();
        foreach (var range in description.Split(", "))
        {
            var match = Regex.Match(range, @"^(\d+\.\d+\.\d+\.\d+):(\d+)(?:-(\d+))?$");
            Assert.True(match.Success, $"'{range}' is not host:port or host:first-last.");
            var first = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var last = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : first;
            for (var port = first; port <= last; port++)
            {
                endpoints.Add(new PiEndpoint(match.Groups[1].Value, port));
            }
        }

        return endpoints;
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SolarFleet.Simulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The simulator did not start.");
    }
}

using SolarFleet.Benchmarks.Fleet;

namespace SolarFleet.Benchmarks.Tests;

/// <summary>
/// The fleet benchmark at CI size: real simulator and silo processes on loopback, 200 inverters polled every 5 s.
/// It fails when polls are lost or fail, not on speed (the machine running CI is shared).
/// </summary>
public sealed class FleetSmokeTests
{
    [Fact]
    public async Task A_small_fleet_is_registered_in_one_request_and_every_scheduled_poll_completes()
    {
        var output = Directory.CreateTempSubdirectory("solarfleet-smoke-").FullName;
        var arguments = new FleetArguments
        {
            Inverters = 200, PeriodSeconds = 5, DurationSeconds = 20, FloorDurationSeconds = 10, FirstPollTimeoutSeconds = 60, OutputDirectory = output,
        };
        using var log = new StringWriter();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));

        var report = await new FleetRun(arguments, log).RunAsync("fleet (smoke test)", deadline.Token);
        // The children's logs are kept only when the test fails.
        var context = $"{FleetCommand.ToJson(report)}\n{log}\nlogs: {output}";

        var silo = report.Silo;
        Assert.True(silo.AllPolledSeconds is not null, $"Some inverters were never polled.\n{context}");
        Assert.True(silo.PollsFailed.Count == 0, $"Polls failed.\n{context}");
        Assert.Equal(0, report.Floor.PollsFailed);
        // Over whole periods each inverter polls exactly window/period times; the slack covers not knowing when inside
        // each scrape request the counters were read (the report's CompletionUncertainty, a few tenths of a percent here).
        Assert.True(silo.Completion >= 0.99, $"Polls were lost: {silo.PollsOk} of {silo.PollsExpected}.\n{context}");
        Assert.True(report.Floor.PollsOk >= report.Floor.PollsExpected * 0.99, $"The floor lost polls.\n{context}");
        Assert.True(silo.PeakRssMiB > 0 && silo.CpuSeconds > 0, $"No process figures.\n{context}");
        Directory.Delete(output, recursive: true);
    }
}

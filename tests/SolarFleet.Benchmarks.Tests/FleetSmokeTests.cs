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
        var arguments = new FleetArguments { Inverters = 200, PeriodSeconds = 5, DurationSeconds = 20, FloorDurationSeconds = 10, FirstPollTimeoutSeconds = 60 };
        using var log = new StringWriter();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));

        var report = await new FleetRun(arguments, log).RunAsync("fleet (smoke test)", deadline.Token);

        var silo = report.Silo;
        var context = $"{FleetCommand.ToJson(report)}\n{log}";
        Assert.True(silo.AllPolledSeconds is not null, $"Some inverters were never polled.\n{context}");
        Assert.True(silo.PollsFailed.Count == 0, $"Polls failed.\n{context}");
        Assert.Equal(0, report.Floor.PollsFailed);
        // Each inverter polls exactly window/period times in the window; the only slack is a poll landing on
        // the window's edge because its timer ran a little late, which is far below 1 %.
        Assert.True(silo.Completion >= 0.99, $"Polls were lost: {silo.PollsOk} of {silo.PollsExpected}.\n{context}");
        Assert.True(report.Floor.PollsOk >= report.Floor.PollsExpected * 0.99, $"The floor lost polls.\n{context}");
        Assert.True(silo.PeakRssMiB > 0 && silo.CpuSeconds > 0, $"No process figures.\n{context}");
    }
}

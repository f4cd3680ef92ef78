using SolarFleet.Benchmarks.Failover;

namespace SolarFleet.Benchmarks.Tests;

/// <summary>
/// The failover benchmark at CI size: two silo processes on a private PostgreSQL (needs its binaries and taskset), 150
/// inverters polled every 5 s, one silo killed. Reminders keep their default 5-minute period, so only the survivor's
/// wake can bring the killed silo's inverters back within the 2-minute target; the test checks what must hold at any
/// size: every inverter polled again within 2 minutes, no Pi ever polled twice at once, and the ledger equal to the
/// simulators' truth.
/// </summary>
public sealed class FailoverSmokeTests
{
    [Fact]
    public async Task Killing_one_of_two_silos_polls_every_inverter_again_without_overlapping_polls_and_the_ledger_stays_exact()
    {
        var output = Directory.CreateTempSubdirectory("solarfleet-failover-smoke-").FullName;
        var arguments = new FailoverArguments
        {
            Inverters = 150, PeriodSeconds = 5, SettleSeconds = 5, AfterSeconds = 5, FirstPollTimeoutSeconds = 60,
            FailoverTimeoutSeconds = 120, LedgerTimeoutSeconds = 60, OutputDirectory = output,
            SiloSettings = ["--SolarFleet:History:FlushInterval=00:00:01"],
        };
        using var log = new StringWriter();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(4));

        var report = await new FailoverRun(arguments, log).RunAsync("failover (smoke test)", deadline.Token);
        // The children's logs are kept only when the test fails.
        var context = $"{FailoverCommand.ToJson(report)}\n{log}\nlogs: {output}";

        Assert.True(report.FirstPollSeconds is not null, $"Some inverters were never polled.\n{context}");
        Assert.True(report.OrphanedAfterOnePeriod > 0, $"The killed silo polled no inverter.\n{context}");
        Assert.True(report.AllPolledAgainSeconds is not null, $"{report.NotPolledAgain} inverters were not polled again.\n{context}");
        Assert.True(report.OverlappingPis == 0, $"{report.OverlappingPis} Pis served overlapping polls ({report.OverlappingBeforeKill} of them before the kill).\n{context}");
        Assert.True(report.LedgerInvertersDiffering == 0 && report.LedgerSitesDiffering == 0, $"The ledger is not exact.\n{context}");
        Directory.Delete(output, recursive: true);
    }
}

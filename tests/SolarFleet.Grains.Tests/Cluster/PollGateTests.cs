using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Health;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class PollGateTests
{
    [Fact]
    public async Task A_silo_runs_at_most_its_bound_of_polls_at_once_and_the_rest_follow_in_turn()
    {
        var start = new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var pis = new ScriptedPiClient(time);
        await using var cluster = await GrainCluster.StartAsync(pis, time, o => o.MaxPollsInFlight = 2);
        await cluster.Site("home").Configure(new SiteSettings("Home", "UTC"));
        var ports = Enumerable.Range(53_000, 5).ToList();
        var answers = ports.ToDictionary(port => port, pis.Hang);

        // Registered together, every one is due at once; the Pis hang, so the first two keep their slots.
        await Task.WhenAll(ports.Select(port => cluster.Site("home").UpsertInverter($"inv-{port}", new InverterSettings("127.0.0.1", port))));
        await Eventually.True(() => ports.Sum(pis.PollCount) == 2, "two polls went out");
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        Assert.Equal(2, ports.Sum(pis.PollCount));

        // An inverter waiting for a slot still answers reads.
        var waiting = ports.First(port => pis.PollCount(port) == 0);
        var snapshot = await cluster.Inverter("home", $"inv-{waiting}").GetSnapshot().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(InverterHealth.Pending, snapshot!.Health);

        // Each answer frees a slot for the next inverter in line, until all five have been polled once.
        for (var answered = 0; answered < ports.Count; answered++)
        {
            var polled = ports.First(port => pis.PollCount(port) == 1 && !answers[port].Task.IsCompleted);
            answers[polled].SetResult(PiPollResult.Success(new PiReading { StatusCode = 7, PowerNowW = 500, Timestamp = start.DateTime }, TimeSpan.FromMilliseconds(5)));
            var expected = Math.Min(ports.Count, answered + 3);
            await Eventually.True(() => ports.Sum(pis.PollCount) == expected, $"{expected} polls went out");
        }

        Assert.All(ports, port => Assert.Equal(1, pis.PollCount(port)));
    }
}

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
        // The whole bound, not a lane's share: new Pis' first polls may hold every slot here.
        await using var cluster = await GrainCluster.StartAsync(pis, time, o =>
        {
            o.MaxPollsInFlight = 2;
            o.FailingPollShare = 1;
        });
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

    [Fact]
    public async Task Failing_inverters_hold_only_their_share_of_the_slots_and_a_healthy_one_keeps_its_period_beside_them()
    {
        var (time, pis) = NewPis();
        await using var cluster = await StartFourSlotClusterAsync(time, pis);

        // Six Pis refuse their first poll (now failing), then accept and never answer, as a hung Pi does.
        var hung = Enumerable.Range(53_100, 6).ToList();
        foreach (var port in hung)
        {
            pis.Fail(port, PiFailureKind.ConnectionRefused, "refused");
        }

        await Task.WhenAll(hung.Select(port => cluster.Site("home").UpsertInverter($"hung-{port}", new InverterSettings("127.0.0.1", port, PollSeconds: 5))));
        await Eventually.True(() => hung.All(port => pis.PollCount(port) == 1), "every first poll failed");
        foreach (var port in hung)
        {
            pis.Hang(port);
        }

        const int healthy = 53_200;
        await RegisterHealthyAsync(cluster, pis, healthy);

        // A minute on: every hung Pi's retry is due and waiting; only two hold slots, and the healthy Pi is polled every period.
        await AMinuteOnTheHealthyPiPolledEveryPeriodAsync(time, pis, healthy);
        Assert.Equal(2, hung.Sum(pis.PollCount) - hung.Count);
    }

    [Fact]
    public async Task Pis_that_hang_from_their_first_poll_hold_only_their_share_of_the_slots_and_a_healthy_one_keeps_its_period()
    {
        var (time, pis) = NewPis();
        await using var cluster = await StartFourSlotClusterAsync(time, pis);
        const int healthy = 53_300;
        await RegisterHealthyAsync(cluster, pis, healthy);

        // Six new Pis accept and never answer, from their very first poll: nothing is known of them yet.
        var hung = Enumerable.Range(53_400, 6).ToList();
        foreach (var port in hung)
        {
            pis.Hang(port);
        }

        await Task.WhenAll(hung.Select(port => cluster.Site("home").UpsertInverter($"hung-{port}", new InverterSettings("127.0.0.1", port, PollSeconds: 5))));
        await Eventually.True(() => hung.Sum(pis.PollCount) == 2, "two first polls of hung Pis went out");

        await AMinuteOnTheHealthyPiPolledEveryPeriodAsync(time, pis, healthy);
        Assert.Equal(2, hung.Sum(pis.PollCount));
    }

    private static (FakeTimeProvider Time, ScriptedPiClient Pis) NewPis()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero));
        return (time, new ScriptedPiClient(time));
    }

    // Four slots, of which failing polls may hold two, and two stay for Pis that answer.
    private static async Task<GrainCluster> StartFourSlotClusterAsync(FakeTimeProvider time, ScriptedPiClient pis)
    {
        var cluster = await GrainCluster.StartAsync(pis, time, o =>
        {
            o.MaxPollsInFlight = 4;
            o.FailingPollShare = 0.5;
            o.JitterFirstPoll = false;
        });
        try
        {
            await cluster.Site("home").Configure(new SiteSettings("Home", "UTC"));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static async Task RegisterHealthyAsync(GrainCluster cluster, ScriptedPiClient pis, int port)
    {
        pis.Answer(port, now => new PiReading { StatusCode = 7, PowerNowW = 900, Timestamp = now.UtcDateTime.AddSeconds(-1) });
        await cluster.Site("home").UpsertInverter("healthy", new InverterSettings("127.0.0.1", port, PollSeconds: 5));
        await Eventually.True(() => pis.PollCount(port) == 1, "the healthy Pi's first poll");
    }

    private static async Task AMinuteOnTheHealthyPiPolledEveryPeriodAsync(FakeTimeProvider time, ScriptedPiClient pis, int healthy)
    {
        for (var second = 0; second < 60; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(15), TestContext.Current.CancellationToken);
        }

        await Eventually.True(() => pis.PollCount(healthy) >= 12, $"the healthy Pi polled every 5 s (was {pis.PollCount(healthy)})");
    }
}

using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Polling;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class JitterTests
{
    [Fact]
    public async Task Inverters_registered_together_are_polled_at_once_then_spread_across_the_period()
    {
        var start = new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
        var period = TimeSpan.FromSeconds(InverterSettings.DefaultPollSeconds);
        var time = new FakeTimeProvider(start);
        var pis = new ScriptedPiClient(time);
        await using var cluster = await GrainCluster.StartAsync(pis, time, o => o.JitterFirstPoll = true);
        await cluster.Site("home").Configure(new SiteSettings("Home", "UTC"));
        var ports = Enumerable.Range(52_000, 24).ToList();
        foreach (var port in ports)
        {
            pis.Answer(port, now => new PiReading { StatusCode = 7, PowerNowW = 100, Timestamp = now.DateTime });
            await cluster.Site("home").UpsertInverter($"inv-{port}", new InverterSettings("127.0.0.1", port));
        }

        // Second by second through two periods; after each step every inverter is asked for its snapshot, which
        // it answers only after any poll that came due (its tick was queued first).
        for (var second = 0; second <= 2 * period.TotalSeconds; second++)
        {
            await Task.WhenAll(ports.Select(port => cluster.Inverter("home", $"inv-{port}").GetSnapshot()));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var polls = ports.Select(port => pis.PollTimes(port).Select(at => at - start).ToList()).ToList();
        Assert.All(polls, times => Assert.Equal(TimeSpan.Zero, times[0]));
        var seconds = polls.Select(times => times[1]).ToList();
        // A poll runs at the first one-second step at or after its due time.
        Assert.All(seconds, offset => Assert.InRange(offset, TimeSpan.Zero, period + TimeSpan.FromSeconds(1)));
        Assert.True(seconds.Select(offset => (int)offset.TotalSeconds).Distinct().Count() >= 6, $"Second polls bunch up: {string.Join(", ", seconds)}");
        Assert.True(seconds.Max() - seconds.Min() >= period / 2, $"Second polls bunch up: {string.Join(", ", seconds)}");
        Assert.All(polls.Where(times => times.Count > 2), times => Assert.Equal(period, times[2] - times[1]));
    }

    [Fact]
    public async Task A_poll_that_ends_after_the_next_one_fell_due_is_followed_by_a_pause_before_the_Pi_is_asked_again()
    {
        // A Pi serves one client at a time and needs a moment after a close: asking again at once would find it busy.
        var start = new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var pis = new ScriptedPiClient(time);
        await using var cluster = await GrainCluster.StartAsync(pis, time, o => o.JitterFirstPoll = false);
        await cluster.Site("home").Configure(new SiteSettings("Home", "UTC"));
        const int port = 52_100;
        var slow = pis.Hang(port);
        await cluster.Site("home").UpsertInverter("slow", new InverterSettings("127.0.0.1", port, PollSeconds: InverterSettings.MinPollSeconds));
        await Eventually.True(() => pis.PollCount(port) == 1, "the first poll started");

        // The first poll takes 8 s, longer than the 5 s period: the next poll fell due while it ran.
        time.Advance(TimeSpan.FromSeconds(8));
        pis.Answer(port, now => new PiReading { StatusCode = 7, PowerNowW = 100, Timestamp = now.DateTime });
        slow.SetResult(PiPollResult.Success(new PiReading { StatusCode = 7, PowerNowW = 100, Timestamp = time.GetUtcNow().DateTime }, TimeSpan.FromSeconds(8)));
        // The grain takes the result on its own turn: the clock stands still until it has, so the pause starts at 8 s.
        await Eventually.Value(() => cluster.Inverter("home", "slow").GetSnapshot(), s => s?.LastSuccessAt is not null, "the slow poll's result was recorded");
        for (var step = 0; step < 20; step++)
        {
            await cluster.Inverter("home", "slow").GetSnapshot();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var polls = pis.PollTimes(port);
        Assert.True(polls.Count >= 2, $"The Pi was not asked again: {string.Join(", ", polls)}");
        Assert.InRange(polls[1] - start, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(9.2));
        Assert.Equal(1, pis.MaxInFlight(port));
    }
}

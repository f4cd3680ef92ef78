using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
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
}

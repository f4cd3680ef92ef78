using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Tests.Support;
using SolarFleet.Protocol.Readings;

namespace SolarFleet.Grains.Tests.Cluster;

public sealed class JitterTests
{
    [Fact]
    public async Task First_polls_of_inverters_registered_together_spread_across_the_period()
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

        // Second by second through one period; after each step every inverter is asked for its snapshot, which
        // it answers only after any poll that came due (its timer tick was queued first).
        for (var second = 0; second < period.TotalSeconds; second++)
        {
            await Task.WhenAll(ports.Select(port => cluster.Inverter("home", $"inv-{port}").GetSnapshot()));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(ports.Select(port => cluster.Inverter("home", $"inv-{port}").GetSnapshot()));
        var offsets = ports.Select(port => Assert.Single(pis.PollTimes(port)) - start).ToList();
        Assert.All(offsets, offset => Assert.InRange(offset, TimeSpan.Zero, period));
        Assert.True(offsets.Select(offset => (int)offset.TotalSeconds).Distinct().Count() >= 6, $"First polls bunch up: {string.Join(", ", offsets)}");
        Assert.True(offsets.Max() - offsets.Min() >= period / 2, $"First polls bunch up: {string.Join(", ", offsets)}");
    }
}

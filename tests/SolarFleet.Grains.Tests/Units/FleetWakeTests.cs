using System.Collections.Concurrent;
using SolarFleet.Grains.Fleet;

namespace SolarFleet.Grains.Tests.Units;

public sealed class FleetWakeTests
{
    private static readonly FleetWakeLimits Limits = new(SitesAtOnce: 3, Attempts: 3, RetryDelay: TimeSpan.Zero);

    [Fact]
    public async Task Wakes_every_site_once_and_counts_the_inverters_they_hold()
    {
        var sites = Enumerable.Range(0, 10).Select(i => $"site-{i}").ToList();
        var woken = new ConcurrentBag<string>();

        var result = await new FleetWake(siteId => { woken.Add(siteId); return Task.FromResult(4); }, TimeProvider.System, Limits)
            .RunAsync(sites, TestContext.Current.CancellationToken);

        Assert.Equal(sites, woken.Order(StringComparer.Ordinal));
        Assert.Equal(10, result.Sites);
        Assert.Equal(40, result.Inverters);
        Assert.Empty(result.Failed);
    }

    [Fact]
    public async Task Never_has_more_sites_waking_than_its_limit()
    {
        var inFlight = 0;
        var most = 0;

        async Task<int> Wake(string siteId)
        {
            most = Math.Max(most, Interlocked.Increment(ref inFlight));
            await Task.Delay(5, TestContext.Current.CancellationToken);
            Interlocked.Decrement(ref inFlight);
            return 1;
        }

        var result = await new FleetWake(Wake, TimeProvider.System, Limits).RunAsync(Enumerable.Range(0, 20).Select(i => $"s{i}").ToList(), TestContext.Current.CancellationToken);

        Assert.Equal(20, result.Sites);
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task A_site_that_fails_is_tried_again_and_one_that_keeps_failing_is_named_after_the_last_attempt()
    {
        var calls = new ConcurrentDictionary<string, int>();

        Task<int> Wake(string siteId)
        {
            var call = calls.AddOrUpdate(siteId, 1, (_, n) => n + 1);
            return siteId switch
            {
                // Fails once (a call routed to the lost silo), then wakes.
                "flaky" when call == 1 => Task.FromException<int>(new TimeoutException("routed to the lost silo")),
                "broken" => Task.FromException<int>(new InvalidOperationException("storage is down")),
                _ => Task.FromResult(2),
            };
        }

        var result = await new FleetWake(Wake, TimeProvider.System, Limits).RunAsync(["ok", "flaky", "broken"], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Sites);
        Assert.Equal(4, result.Inverters);
        Assert.Equal(["broken"], result.Failed);
        Assert.Equal(1, calls["ok"]);
        Assert.Equal(2, calls["flaky"]);
        Assert.Equal(3, calls["broken"]);
    }
}

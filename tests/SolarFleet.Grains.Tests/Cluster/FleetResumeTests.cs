using System.Globalization;
using Orleans.Hosting;
using Orleans.Core.Internal;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Fleet;
using SolarFleet.Grains.Tests.Support;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>
/// The fleet grain comes back (its silo died, or the cluster restarted) knowing its site ids but none of their reports.
/// It asks every site again, and wakes its inverters, a bounded number of sites at a time: asked all at once, a fleet
/// of 10,000 sites activated every site, and every inverter of a lost silo, in the same second.
/// </summary>
public sealed class FleetResumeTests
{
    private const int Sites = 150;

    [Fact]
    public async Task A_resumed_fleet_hears_from_every_site_again_asking_a_bounded_number_at_a_time()
    {
        var siteCalls = new SiteCallsInFlight();
        await using var cluster = await GrainCluster.StartAsync(client: null, silo: silo => silo.AddIncomingGrainCallFilter(siteCalls));
        for (var i = 0; i < Sites; i++)
        {
            await cluster.Site(string.Create(CultureInfo.InvariantCulture, $"home-{i:000}")).Configure(new SiteSettings($"Home {i}", "UTC"));
        }

        await Eventually.Value(() => cluster.Fleet.SiteSummariesAsync(), sites => sites.Count == Sites, "every site reported once", TimeSpan.FromSeconds(20));

        siteCalls.Reset();
        await cluster.Fleet.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        // Reads activate the fleet again; the old activation may answer one first, so wait for the new one's asks too.
        await Eventually.Value(
            () => cluster.Fleet.SiteSummariesAsync(),
            sites => sites.Count == Sites && siteCalls.Asked >= Sites,
            "the resumed fleet asked every site and heard from each",
            TimeSpan.FromSeconds(30));
        Assert.InRange(siteCalls.MostAtOnce, 1, FleetWakeLimits.Default.SitesAtOnce);
    }

    /// <summary>Counts the fleet's asks of its sites that are under way at once; each takes 50 ms, so unbounded asks overlap.</summary>
    private sealed class SiteCallsInFlight : IIncomingGrainCallFilter
    {
        private int _now;
        private int _most;
        private int _asked;

        public int MostAtOnce => Volatile.Read(ref _most);

        public int Asked => Volatile.Read(ref _asked);

        public void Reset()
        {
            Volatile.Write(ref _most, 0);
            Volatile.Write(ref _asked, 0);
        }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType != typeof(ISiteGrain)
                || context.InterfaceMethod.Name is not (nameof(ISiteGrain.ResendReport) or nameof(ISiteGrain.WakeInverters)))
            {
                await context.Invoke();
                return;
            }

            var now = Interlocked.Increment(ref _now);
            Interlocked.Increment(ref _asked);
            for (var most = Volatile.Read(ref _most); now > most && Interlocked.CompareExchange(ref _most, now, most) != most; most = Volatile.Read(ref _most))
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                await context.Invoke();
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Sites;
using SolarFleet.Grains.Tests.Support;

namespace SolarFleet.Grains.Tests.Cluster;

/// <summary>
/// A site makes sure of its reminder when it activates. When the reminder table cannot be reached then (at 100,000
/// inverters, 896 sites met a PostgreSQL pool out of connections), the site tries again after a backoff until it
/// holds its reminder, instead of waiting for an activation that, for a site kept active, may never come.
/// </summary>
public sealed class SiteReminderRetryTests
{
    [Fact]
    public async Task A_site_that_could_not_register_its_reminder_keeps_trying_until_it_holds_one()
    {
        var table = new FlakyReminderTable();
        await using var cluster = await GrainCluster.StartAsync(
            client: null,
            options: o => o.ReminderRetryDelay = TimeSpan.FromMilliseconds(100),
            silo: silo => silo.Services.AddSingleton<IReminderTable>(table));
        var site = cluster.Site("home");
        await site.Configure(new SiteSettings("Home", "UTC"));
        Assert.True(table.Holds("home", SiteReminder.Name), "a new site registers its reminder");

        // The reminder is lost and the table unreachable when the site next activates.
        table.Lose("home");
        table.FailKey = "home";
        await site.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Eventually.Value(() => site.GetSnapshot(), snapshot => snapshot is not null, "the site is active again");
        await Eventually.True(() => table.Failures >= 3, "the site tried again while the table failed");

        table.FailKey = null;
        await Eventually.True(() => table.Holds("home", SiteReminder.Name), "the site registered its reminder once the table answered");
    }
}

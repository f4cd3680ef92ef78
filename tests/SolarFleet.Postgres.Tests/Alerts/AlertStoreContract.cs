using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Alerts;
using SolarFleet.Grains.Alerts;
using static SolarFleet.Postgres.Tests.Alerts.AlertSamples;

namespace SolarFleet.Postgres.Tests.Alerts;

/// <summary>
/// What every <see cref="IAlertStore"/> and <see cref="IWebhookOutbox"/> does, run against each store by a subclass, so
/// that the embedded and the production store cannot drift apart.
/// </summary>
public abstract class AlertStoreContract
{
    protected static readonly string[] TwoWebhooks = ["ops", "crm"];

    protected FakeTimeProvider Time { get; } = new(Noon.AddHours(1));

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty store that queues deliveries for <paramref name="webhooks"/>.</summary>
    protected abstract Task<IAlertStore> CreateStoreAsync(string[] webhooks);

    /// <summary>Waits until what was recorded can be read (a buffered store writes it).</summary>
    protected abstract Task SettleAsync(IAlertStore store);

    private static IWebhookOutbox Outbox(IAlertStore store) => (IWebhookOutbox)store;

    private Task<IReadOnlyList<WebhookDelivery>> LeaseAsync(IAlertStore store, string[]? webhooks = null, int max = 100) =>
        Outbox(store).LeaseDueAsync(webhooks ?? TwoWebhooks, max, Time.GetUtcNow(), Time.GetUtcNow().AddMinutes(2), Token);

    [Fact]
    public async Task Recording_the_same_transition_twice_stores_one_alert_and_queues_one_delivery_per_webhook()
    {
        var store = await CreateStoreAsync(TwoWebhooks);
        var alert = Alert("a-1");

        store.Record(Raised(alert));
        store.Record(Raised(alert));
        await SettleAsync(store);
        store.Record(Raised(alert));
        await SettleAsync(store);

        AssertSame(alert, await store.GetAsync("a-1", Token));
        var leased = await LeaseAsync(store);
        Assert.Equal(["crm", "ops"], leased.Select(d => d.Webhook).Order());
        Assert.All(leased, d => Assert.Equal("a-1:raised", d.Transition.DeliveryId));
        Assert.All(leased, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(2, await Outbox(store).CountPendingAsync(Token));
    }

    [Fact]
    public async Task A_resolution_is_delivered_only_after_its_raise_has_been()
    {
        var store = await CreateStoreAsync(["ops"]);
        var alert = Alert("a-1");
        store.Record(Raised(alert));
        store.Record(Resolved(alert, Noon.AddMinutes(30)));
        await SettleAsync(store);

        var first = Assert.Single(await LeaseAsync(store, ["ops"]));
        Assert.Equal(AlertTransitionKind.Raised, first.Transition.Transition);
        // Still leased: the resolution waits rather than overtaking its raise.
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await LeaseAsync(store, ["ops"]));

        await Outbox(store).CompleteAsync(first, Time.GetUtcNow(), Token);
        var second = Assert.Single(await LeaseAsync(store, ["ops"]));
        Assert.Equal(AlertTransitionKind.Resolved, second.Transition.Transition);
        Assert.Equal(Noon.AddMinutes(30), second.Transition.Alert.ResolvedAt);
        Assert.Equal(Noon.AddMinutes(30), (await store.GetAsync("a-1", Token))!.ResolvedAt);
    }

    [Fact]
    public async Task A_raise_recorded_again_after_the_resolution_neither_reopens_the_alert_nor_queues_a_delivery()
    {
        var store = await CreateStoreAsync(["ops"]);
        var alert = Alert("a-1");
        store.Record(Raised(alert));
        store.Record(Resolved(alert, Noon.AddMinutes(30)));
        await SettleAsync(store);
        foreach (var delivery in await LeaseAsync(store, ["ops"]))
        {
            await Outbox(store).CompleteAsync(delivery, Time.GetUtcNow(), Token);
        }

        foreach (var delivery in await LeaseAsync(store, ["ops"]))
        {
            await Outbox(store).CompleteAsync(delivery, Time.GetUtcNow(), Token);
        }

        store.Record(Raised(alert));
        store.Record(Resolved(alert, Noon.AddMinutes(45)));
        await SettleAsync(store);

        Assert.Equal(Noon.AddMinutes(30), (await store.GetAsync("a-1", Token))!.ResolvedAt);
        Assert.Equal(0, await Outbox(store).CountPendingAsync(Token));
    }

    [Fact]
    public async Task The_first_acknowledgement_stands_and_an_unknown_alert_cannot_be_acknowledged()
    {
        var store = await CreateStoreAsync([]);
        store.Record(Raised(Alert("a-1")));
        await SettleAsync(store);

        var first = await store.AcknowledgeAsync("a-1", "alice", Noon.AddMinutes(5), Token);
        var repeat = await store.AcknowledgeAsync("a-1", "bob", Noon.AddMinutes(9), Token);

        Assert.Equal(("alice", Noon.AddMinutes(5)), (first!.AcknowledgedBy, first.AcknowledgedAt!.Value));
        AssertSame(first, repeat);
        AssertSame(first, await store.GetAsync("a-1", Token));
        Assert.Null(await store.AcknowledgeAsync("a-2", "alice", Noon, Token));
        Assert.Null(await store.GetAsync("a-2", Token));
    }

    [Fact]
    public async Task An_acknowledgement_survives_the_resolution_and_a_repeated_raise()
    {
        var store = await CreateStoreAsync([]);
        var alert = Alert("a-1");
        store.Record(Raised(alert));
        await SettleAsync(store);
        await store.AcknowledgeAsync("a-1", "alice", Noon.AddMinutes(5), Token);

        store.Record(Raised(alert));
        store.Record(Resolved(alert, Noon.AddMinutes(30)));
        await SettleAsync(store);

        var stored = await store.GetAsync("a-1", Token);
        Assert.Equal(("alice", Noon.AddMinutes(30)), (stored!.AcknowledgedBy, stored.ResolvedAt!.Value));
    }

    [Fact]
    public async Task Queries_filter_by_state_kind_site_and_severity_newest_first()
    {
        var store = await CreateStoreAsync([]);
        var fault = Alert("a-1", Noon, AlertKind.Fault, AlertSeverity.Critical, "site-a");
        var stale = Alert("a-2", Noon.AddMinutes(1), AlertKind.Stale, AlertSeverity.Warning, "site-a");
        var grid = Alert("a-3", Noon.AddMinutes(2), AlertKind.GridOutOfRange, AlertSeverity.Critical, "site-b");
        var gone = Alert("a-4", Noon.AddMinutes(3), AlertKind.Fault, AlertSeverity.Warning, "site-b");
        foreach (var alert in new[] { fault, stale, grid, gone })
        {
            store.Record(Raised(alert));
        }

        store.Record(Resolved(gone, Noon.AddMinutes(20)));
        await SettleAsync(store);

        async Task<string[]> Ids(AlertQuery query) => [.. (await store.QueryAsync(query, Token)).Alerts.Select(a => a.Id)];
        Assert.Equal(["a-3", "a-2", "a-1"], await Ids(new AlertQuery()));
        Assert.Equal(["a-4"], await Ids(new AlertQuery(AlertStateFilter.Resolved)));
        Assert.Equal(["a-4", "a-3", "a-2", "a-1"], await Ids(new AlertQuery(AlertStateFilter.All)));
        Assert.Equal(["a-4", "a-1"], await Ids(new AlertQuery(AlertStateFilter.All, Kind: AlertKind.Fault)));
        Assert.Equal(["a-4", "a-3"], await Ids(new AlertQuery(AlertStateFilter.All, SiteId: "site-b")));
        Assert.Equal(["a-3", "a-1"], await Ids(new AlertQuery(Severity: AlertSeverity.Critical)));
        Assert.Equal(["a-3"], await Ids(new AlertQuery(Kind: AlertKind.GridOutOfRange, SiteId: "site-b", Severity: AlertSeverity.Critical)));
        Assert.Empty(await Ids(new AlertQuery(SiteId: "site-c")));
    }

    [Fact]
    public async Task Pages_walk_every_alert_once_newest_first_even_when_alerts_share_a_raise_time_or_arrive_between_pages()
    {
        var store = await CreateStoreAsync([]);
        var expected = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs raised in the same second: the id breaks the tie.
            var id = $"a-{i:D2}";
            store.Record(Raised(Alert(id, Noon.AddSeconds(i / 2))));
            expected.Add(id);
        }

        await SettleAsync(store);
        expected.Reverse();
        var seen = new List<string>();
        AlertCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new AlertQuery(AlertStateFilter.All, Limit: 3, After: cursor), Token);
            seen.AddRange(page.Alerts.Select(a => a.Id));
            cursor = page.Next;
            pages++;

            // Newer alerts arriving mid-walk belong before the cursor: they do not shift the pages still to come.
            store.Record(Raised(Alert($"new-{pages}", Noon.AddHours(1))));
            await SettleAsync(store);
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_alert_has_no_next_cursor()
    {
        var store = await CreateStoreAsync([]);
        store.Record(Raised(Alert("a-1", Noon)));
        store.Record(Raised(Alert("a-2", Noon.AddSeconds(1))));
        await SettleAsync(store);

        var page = await store.QueryAsync(new AlertQuery(Limit: 2), Token);

        Assert.Equal(2, page.Alerts.Count);
        Assert.Null(page.Next);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new AlertQuery(Limit: 0), Token));
    }

    [Fact]
    public async Task A_failed_delivery_is_due_again_at_its_retry_time_and_one_given_up_is_no_longer_pending()
    {
        var store = await CreateStoreAsync(["ops"]);
        store.Record(Raised(Alert("a-1")));
        store.Record(Raised(Alert("a-2")));
        await SettleAsync(store);
        var leased = await LeaseAsync(store, ["ops"]);
        Assert.Equal(2, leased.Count);

        await Outbox(store).FailAsync(leased[0], "HTTP 500", Time.GetUtcNow().AddSeconds(10), Token);
        await Outbox(store).FailAsync(leased[1], "HTTP 500", null, Token);
        Assert.Equal(1, await Outbox(store).CountPendingAsync(Token));
        Assert.Empty(await LeaseAsync(store, ["ops"]));

        Time.Advance(TimeSpan.FromSeconds(10));
        var again = Assert.Single(await LeaseAsync(store, ["ops"]));
        Assert.Equal((leased[0].Id, 2), (again.Id, again.Attempts));
        await Outbox(store).CompleteAsync(again, Time.GetUtcNow(), Token);
        Assert.Equal(0, await Outbox(store).CountPendingAsync(Token));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await LeaseAsync(store, ["ops"]));
    }

    [Fact]
    public async Task A_lease_that_ran_out_goes_to_the_next_caller_and_the_first_holder_can_no_longer_reschedule_it()
    {
        var store = await CreateStoreAsync(["ops"]);
        store.Record(Raised(Alert("a-1")));
        await SettleAsync(store);
        var stale = Assert.Single(await LeaseAsync(store, ["ops"]));
        Assert.Empty(await LeaseAsync(store, ["ops"]));

        Time.Advance(TimeSpan.FromMinutes(2));
        var current = Assert.Single(await LeaseAsync(store, ["ops"]));
        await Outbox(store).FailAsync(stale, "late", null, Token);

        Assert.Equal(2, current.Attempts);
        Assert.Equal(1, await Outbox(store).CountPendingAsync(Token));
        await Outbox(store).CompleteAsync(current, Time.GetUtcNow(), Token);
        Assert.Equal(0, await Outbox(store).CountPendingAsync(Token));
    }

    [Fact]
    public async Task Only_the_callers_webhooks_are_leased_and_without_webhooks_nothing_is_queued()
    {
        var store = await CreateStoreAsync(TwoWebhooks);
        store.Record(Raised(Alert("a-1")));
        await SettleAsync(store);
        Assert.Equal("crm", Assert.Single(await LeaseAsync(store, ["crm"])).Webhook);

        var quiet = await CreateStoreAsync([]);
        quiet.Record(Raised(Alert("a-1")));
        await SettleAsync(quiet);
        Assert.NotNull(await quiet.GetAsync("a-1", Token));
        Assert.Equal(0, await Outbox(quiet).CountPendingAsync(Token));
    }

    [Fact]
    public async Task A_transition_that_cannot_be_stored_is_refused_when_recorded()
    {
        var store = await CreateStoreAsync([]);
        var alert = Alert("a-1") with { Figures = new Dictionary<string, double> { ["voltage"] = double.NaN } };

        Assert.Throws<ArgumentException>(() => store.Record(Raised(alert)));
        Assert.Throws<ArgumentException>(() => store.Record(Raised(Alert("a-2") with { ResolvedAt = Noon })));
        Assert.Throws<ArgumentException>(() => store.Record(Raised(Alert(" "))));
    }

    [Fact]
    public async Task A_delivery_carries_the_alert_as_it_stood_at_its_transition()
    {
        var store = await CreateStoreAsync(["ops"]);
        var alert = Alert("a-1", Noon.ToOffset(TimeSpan.FromHours(2)));
        store.Record(Raised(alert));
        await SettleAsync(store);
        await store.AcknowledgeAsync("a-1", "alice", Noon.AddMinutes(1), Token);

        var delivery = Assert.Single(await LeaseAsync(store, ["ops"]));

        AssertSame(alert, delivery.Transition.Alert);
        Assert.Equal(Noon, delivery.Transition.At);
    }

    [Fact]
    public async Task Open_alerts_are_counted_by_kind_and_severity_with_the_sites_they_are_on()
    {
        var store = await StoreWithOpenAndResolvedAlertsAsync();

        var counts = (await store.CountOpenAsync(Token)).OrderBy(c => c.Kind).ToList();

        Assert.Equal(
            [new OpenAlertCount(AlertKind.Unreachable, AlertSeverity.Critical, 3, 2), new OpenAlertCount(AlertKind.DarkInDaylight, AlertSeverity.Critical, 1, 1)],
            counts);
    }

    [Fact]
    public async Task The_sites_with_open_alerts_of_a_kind_are_those_with_one_still_open_of_that_kind()
    {
        var store = await StoreWithOpenAndResolvedAlertsAsync();

        Assert.Equal(["site-a", "site-b"], (await store.SitesWithOpenAsync(AlertKind.Unreachable, Token)).Order(StringComparer.Ordinal));
        Assert.Equal(["site-b"], await store.SitesWithOpenAsync(AlertKind.DarkInDaylight, Token));
        Assert.Empty(await store.SitesWithOpenAsync(AlertKind.Fault, Token));
    }

    [Fact]
    public async Task A_store_without_open_alerts_counts_none()
    {
        var store = await CreateStoreAsync(["ops"]);
        var alert = Alert("a-1");
        store.Record(Raised(alert));
        store.Record(Resolved(alert, Noon.AddMinutes(1)));
        await SettleAsync(store);

        Assert.Empty(await store.CountOpenAsync(Token));
    }

    /// <summary>Unreachable open on two inverters of site-a and one of site-b, resolved on site-c; dark in daylight on site-b, recorded twice.</summary>
    private async Task<IAlertStore> StoreWithOpenAndResolvedAlertsAsync()
    {
        var store = await CreateStoreAsync(["ops"]);
        var resolved = Alert("u-3", kind: AlertKind.Unreachable, severity: AlertSeverity.Critical, site: "site-c");
        store.Record(Raised(Alert("u-1", kind: AlertKind.Unreachable, severity: AlertSeverity.Critical, site: "site-a", inverter: "inv-1")));
        store.Record(Raised(Alert("u-2", kind: AlertKind.Unreachable, severity: AlertSeverity.Critical, site: "site-a", inverter: "inv-2")));
        store.Record(Raised(Alert("u-4", kind: AlertKind.Unreachable, severity: AlertSeverity.Critical, site: "site-b")));
        store.Record(Raised(resolved));
        store.Record(Resolved(resolved, Noon.AddMinutes(5)));
        store.Record(Raised(Alert("d-1", kind: AlertKind.DarkInDaylight, severity: AlertSeverity.Critical, site: "site-b")));
        store.Record(Raised(Alert("d-1", kind: AlertKind.DarkInDaylight, severity: AlertSeverity.Critical, site: "site-b")));
        await SettleAsync(store);
        return store;
    }
}

using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;
using SolarFleet.Postgres.History;
using SolarFleet.Postgres.Tests.Infrastructure;
using static SolarFleet.Postgres.Tests.Infrastructure.HistoryRows;

namespace SolarFleet.Postgres.Tests.History;

[Collection(PostgresCollection.Name)]
public sealed class HistoryStoreTests(PostgresFixture fixture)
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 6, 21, 18, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upserts_for_one_inverter_day_coalesce_into_one_row_with_the_largest_energy()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("coalesce", Token);
        await using var store = CreateStore(db, time);

        store.Upsert(Ledger("site-a", "inv-1", Day, 1_000, coverage: 0.2));
        time.Advance(TimeSpan.FromSeconds(23));
        store.Upsert(Ledger("site-a", "inv-1", Day, 2_500, coverage: 0.4));
        time.Advance(TimeSpan.FromSeconds(23));
        // An inverter restart mid-day reports a smaller PowerToday: the day keeps the energy seen before it.
        store.Upsert(Ledger("site-a", "inv-1", Day, 300, coverage: 0.5, anomalies: 1));
        store.Upsert(Ledger("site-a", "inv-2", Day, 700));

        Assert.Equal(2, store.Backlog);
        Assert.True(await store.FlushAsync(Token));

        var rows = await LedgerInDatabaseAsync(db, Token);
        Assert.Equal(
            [
                Ledger("site-a", "inv-1", Day, 2_500, coverage: 0.5, anomalies: 1),
                Ledger("site-a", "inv-2", Day, 700),
            ],
            rows);
        Assert.Equal(0, store.Backlog);
    }

    [Fact]
    public async Task A_row_of_a_later_epoch_replaces_the_stored_one_and_a_late_row_of_an_earlier_epoch_changes_nothing()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("epochs", Token);
        await using var store = CreateStore(db, time);
        store.Upsert(Ledger("site-a", "inv-1", Day, 14_051) with { PowerTodayWh = 14_051 });
        await store.FlushAsync(Token);

        // The address pointed at another inverter: the day starts again from the right Pi's values.
        time.Advance(TimeSpan.FromMinutes(1));
        store.Upsert(Ledger("site-a", "inv-1", Day, 11_993) with { Epoch = 1, PowerTodayWh = 11_993, SetAsideWh = 14_051 });
        await store.FlushAsync(Token);
        time.Advance(TimeSpan.FromMinutes(1));
        store.Upsert(Ledger("site-a", "inv-1", Day, 14_100) with { PowerTodayWh = 14_100 });
        await store.FlushAsync(Token);

        var row = Assert.Single(await Stored(store));
        Assert.Equal((1, 11_993L, 11_993L, 14_051L), (row.Epoch, row.EnergyWh, row.PowerTodayWh, row.SetAsideWh));
    }

    [Fact]
    public async Task How_a_day_was_measured_and_its_audit_come_back_as_they_were_written()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("provenance", Token);
        await using var store = CreateStore(db, time);
        var at = new DateTimeOffset(2025, 6, 21, 12, 0, 0, TimeSpan.Zero);
        LedgerAuditEntry[] audit =
        [
            new(LedgerAuditKind.Misread, at, at.AddMinutes(5), 3, "PowerToday fell from 5000 Wh to 0 Wh while UpTime went on: a misread, set aside."),
            new(LedgerAuditKind.Restart, at.AddHours(1), at.AddHours(1), 1, "UpTime went back: the inverter restarted; 5100 Wh carried."),
        ];
        var written = Ledger("site-a", "inv-1", Day, 9_000, anomalies: 3) with { PowerTodayWh = 8_500, BridgedWh = 500, Restarts = 1, Audit = audit };
        store.Upsert(written);
        await store.FlushAsync(Token);

        var row = Assert.Single(await Stored(store));
        Assert.Equal((8_500L, 500L, 1), (row.PowerTodayWh, row.BridgedWh, row.Restarts));
        Assert.Equal(audit, row.AuditEntries);
    }

    [Fact]
    public async Task A_later_smaller_energy_never_lowers_the_stored_row()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("nolower", Token);
        await using var store = CreateStore(db, time);
        store.Upsert(Ledger("site-a", "inv-1", Day, 9_000, coverage: 0.6));
        await store.FlushAsync(Token);

        time.Advance(TimeSpan.FromMinutes(1));
        store.Upsert(Ledger("site-a", "inv-1", Day, 4_000, coverage: 0.7));
        await store.FlushAsync(Token);

        var row = Assert.Single(await LedgerInDatabaseAsync(db, Token));
        Assert.Equal(9_000, row.EnergyWh);
        Assert.Equal(0.7, row.Coverage);
    }

    [Fact]
    public async Task Replayed_and_duplicated_batches_do_not_double_count_or_roll_back()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("replay", Token);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var t0 = time.GetUtcNow();
        var older = new List<PendingLedgerRow>
        {
            new(Ledger("site-a", "inv-1", Day, 5_000, coverage: 0.5), t0),
            new(Ledger("site-a", "inv-2", Day, 1_000, coverage: 0.5), t0),
        };
        var newer = new List<PendingLedgerRow>
        {
            new(Ledger("site-a", "inv-1", Day, 6_000, coverage: 0.9), t0.AddMinutes(5)),
        };

        await LedgerWriter.WriteAsync(dataSource, older, Token);
        await LedgerWriter.WriteAsync(dataSource, older, Token);
        await LedgerWriter.WriteAsync(dataSource, newer, Token);
        // A retry of the older batch arriving late (another silo, a slow retry) changes nothing.
        await LedgerWriter.WriteAsync(dataSource, older, Token);

        Assert.Equal(
            [
                Ledger("site-a", "inv-1", Day, 6_000, coverage: 0.9),
                Ledger("site-a", "inv-2", Day, 1_000, coverage: 0.5),
            ],
            await LedgerInDatabaseAsync(db, Token));
    }

    [Fact]
    public async Task Query_streams_the_rows_in_range_ordered_by_site_inverter_and_date()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("query", Token);
        await using var store = CreateStore(db, time);
        foreach (var site in new[] { "site-b", "site-a" })
        {
            foreach (var inverter in new[] { "inv-2", "inv-1" })
            {
                for (var offset = -2; offset <= 2; offset++)
                {
                    store.Upsert(Ledger(site, inverter, Day.AddDays(offset), 1_000 + offset));
                }
            }
        }

        await store.FlushAsync(Token);

        var oneSite = await store.QueryAsync("site-a", Day.AddDays(-1), Day, Token).ToListAsync(Token);
        var allSites = await store.QueryAsync(null, Day, Day.AddDays(1), Token).ToListAsync(Token);
        var nothing = await store.QueryAsync("site-z", Day, Day, Token).ToListAsync(Token);

        Assert.Equal(
            ["site-a/inv-1/2025-06-20", "site-a/inv-1/2025-06-21", "site-a/inv-2/2025-06-20", "site-a/inv-2/2025-06-21"],
            oneSite.Select(Describe));
        Assert.Equal(999, oneSite[0].EnergyWh);
        Assert.Equal(8, allSites.Count);
        Assert.Equal(allSites.OrderBy(Describe, StringComparer.Ordinal).Select(Describe), allSites.Select(Describe));
        Assert.All(allSites, row => Assert.InRange(row.Date, Day, Day.AddDays(1)));
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task Readings_are_copied_with_every_column_and_a_replay_adds_nothing()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("readings", Token);
        await using var store = CreateStore(db, time);
        var polled = time.GetUtcNow();
        store.Append(Reading("site-a", "inv-1", polled));
        store.Append(Reading("site-a", "inv-1", polled.AddSeconds(23), powerW: null) with { Timestamp = null, StatusCode = null });
        store.Append(Reading("site-a", "inv-1", polled));

        Assert.True(await store.FlushAsync(Token));

        var text = await Db.ListAsync<string>(
            db,
            """
            SELECT concat_ws('|', site_id, inverter_id, to_char(polled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),
                   coalesce("timestamp"::text, '-'), coalesce(power_w::text, '-'), energy_today_wh, lifetime_kwh,
                   coalesce(status_code::text, '-'), grid_v, grid_hz, uptime_s)
            FROM solarfleet.readings ORDER BY polled_at
            """,
            Token);
        Assert.Equal(
            [
                "site-a|inv-1|2025-06-21 18:00:00|2025-06-21 14:05:23|2984|12345|4567.8|7|241.3|59.98|3600",
                "site-a|inv-1|2025-06-21 18:00:23|-|-|12345|4567.8|-|241.3|59.98|3600",
            ],
            text);
    }

    [Fact]
    public async Task Power_per_slot_adds_each_inverters_mean_from_the_ranges_start_as_the_embedded_log_does()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("power", Token);
        await using var store = CreateStore(db, time);
        var memory = new MemoryReadingLog(capacity: 20);

        // Slots counted from a start that is not on a five-minute boundary, as a site's midnight may not be.
        var from = time.GetUtcNow().AddHours(-1).AddSeconds(150);
        foreach (var reading in new[]
        {
            Reading("site-a", "inv-1", from.AddSeconds(10), 1),
            Reading("site-a", "inv-1", from.AddSeconds(40), 2),
            Reading("site-a", "inv-2", from.AddSeconds(60), 1_000),
            Reading("site-a", "inv-2", from.AddSeconds(70), null),
            Reading("site-a", "inv-1", from.AddSeconds(330), 7),
            Reading("site-a", "inv-3", from.AddSeconds(30), 50_000),
            Reading("site-b", "inv-1", from.AddSeconds(30), 50_000),
            Reading("site-a", "inv-1", from.AddSeconds(600), 9),
            Reading("site-a", "inv-1", from.AddSeconds(-1), 9),
        })
        {
            store.Append(reading);
            memory.Append(reading);
        }

        Assert.True(await store.FlushAsync(Token));

        var stored = await store.PowerAsync("site-a", ["inv-1", "inv-2"], from, from.AddMinutes(10), TimeSpan.FromMinutes(5), Token).ToListAsync(Token);
        var held = await memory.PowerAsync("site-a", ["inv-1", "inv-2"], from, from.AddMinutes(10), TimeSpan.FromMinutes(5), Token).ToListAsync(Token);

        // inv-1's mean 1.5 plus inv-2's 1,000 is 1,001.5, rounded up.
        Assert.Equal([new PowerSlot(from, 1_002, 2), new PowerSlot(from.AddMinutes(5), 7, 1)], stored);
        Assert.Equal(stored, held);
    }

    [Fact]
    public async Task Retention_deletes_only_readings_older_than_the_period_in_batches()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("retention", Token);
        await using var store = CreateStore(db, time, configure: options =>
        {
            options.ReadingsRetention = TimeSpan.FromDays(30);
            options.RetentionBatchSize = 3;
        });
        var now = time.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            store.Append(Reading("site-a", "inv-1", now.AddDays(-31).AddMinutes(i)));
        }

        store.Append(Reading("site-a", "inv-1", now.AddDays(-29)));
        store.Append(Reading("site-a", "inv-1", now.AddMinutes(-1)));
        await store.FlushAsync(Token);

        var deleted = await store.DeleteExpiredReadingsAsync(Token);

        Assert.Equal(7, deleted);
        Assert.Equal(2L, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM solarfleet.readings", Token));
        Assert.Equal(0, await store.DeleteExpiredReadingsAsync(Token));
    }

    [Fact]
    public async Task The_flush_timer_writes_buffered_rows_without_being_asked()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("timer", Token);
        using var metrics = new MetricProbe();
        await using var store = CreateStore(db, time, metrics, options => options.FlushInterval = TimeSpan.FromSeconds(5));
        await store.StartAsync(Token);
        store.Upsert(Ledger("site-a", "inv-1", Day, 42));
        store.Append(Reading("site-a", "inv-1", time.GetUtcNow()));
        Assert.Equal(2, metrics.Backlog());

        await Eventually.TrueAsync(
            async () =>
            {
                time.Advance(TimeSpan.FromSeconds(5));
                return store.Backlog == 0 && (await LedgerInDatabaseAsync(db, Token)).Count == 1;
            },
            "the timer flush did not write the buffered ledger row");

        Assert.Equal(0, metrics.Backlog());
        Assert.True(metrics.FlushesRecorded >= 2);
        Assert.Equal(1L, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM solarfleet.readings", Token));
    }

    [Fact]
    public async Task Stopping_writes_what_is_still_buffered()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("stop", Token);
        var store = CreateStore(db, time);
        await store.StartAsync(Token);
        store.Upsert(Ledger("site-a", "inv-1", Day, 77));

        await store.StopAsync(Token);
        await store.DisposeAsync();

        Assert.Equal(77, Assert.Single(await LedgerInDatabaseAsync(db, Token)).EnergyWh);
    }

    [Theory]
    [InlineData("", "inv-1", 10, 1.0)]
    [InlineData("site-a", " ", 10, 1.0)]
    [InlineData("site\0a", "inv-1", 10, 1.0)]
    [InlineData("site-a", "inv-1", -1, 1.0)]
    [InlineData("site-a", "inv-1", 10, 1.5)]
    [InlineData("site-a", "inv-1", 10, double.NaN)]
    public async Task Invalid_ledger_rows_are_refused_at_once_and_leave_the_buffer_untouched(string site, string inverter, long energyWh, double coverage)
    {
        await using var store = CreateStore("Host=127.0.0.1;Port=1", time);
        store.Upsert(Ledger("site-a", "inv-9", Day, 5));

        var error = Assert.Throws<ArgumentException>(() => store.Upsert(Ledger("site-a", "inv-1", Day, 1) with
        {
            SiteId = site,
            InverterId = inverter,
            EnergyWh = energyWh,
            Coverage = coverage,
        }));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(1, store.Backlog);
    }

    [Fact]
    public async Task Readings_beyond_the_buffer_bound_drop_the_oldest_and_are_counted()
    {
        // Nothing listens on port 1: every flush fails as in an outage.
        using var metrics = new MetricProbe();
        await using var store = CreateStore("Host=127.0.0.1;Port=1;Timeout=2", time, metrics, options => options.MaxBufferedReadings = 5);
        var start = time.GetUtcNow();
        for (var i = 0; i < 8; i++)
        {
            store.Append(Reading("site-a", "inv-1", start.AddSeconds(i * 23)));
        }

        store.Upsert(Ledger("site-a", "inv-1", Day, 10));

        Assert.False(await store.FlushAsync(Token));
        Assert.Equal(6, store.Backlog);
        Assert.Equal(3, metrics.Dropped);
        var health = store.Health;
        Assert.Equal(HistoryHealthStatus.Degraded, health.Status);
        Assert.Equal(6, health.Backlog);
        Assert.NotNull(health.LastError);
        Assert.Equal(start, health.Since);
    }

    private static string Describe(DailyEnergy row) => $"{row.SiteId}/{row.InverterId}/{row.Date:yyyy-MM-dd}";

    private static async Task<List<DailyEnergy>> Stored(PostgresHistoryStore store)
    {
        var rows = new List<DailyEnergy>();
        await foreach (var row in store.QueryAsync(null, Day, Day, Token))
        {
            rows.Add(row);
        }

        return rows;
    }
}

using Orleans.Runtime;
using SolarFleet.Postgres.Reminders;
using SolarFleet.Postgres.Tests.Infrastructure;

namespace SolarFleet.Postgres.Tests.GrainState;

/// <summary>The batching reminder table against a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresFixture fixture)
{
    private static readonly DateTime Start = new(2026, 6, 21, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thousands_of_reminders_registered_at_once_all_land_and_a_re_registration_bumps_the_etag()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("remind", Token);
        await using var table = new PostgresReminderTable(db, "solarfleet-tests");
        var entries = Enumerable.Range(0, 2_000).Select(i => Entry(i, "keep-polling", TimeSpan.FromMinutes(5))).ToList();

        var etags = await Task.WhenAll(entries.Select(table.UpsertRow));
        Assert.All(etags, etag => Assert.Equal("0", etag));

        var again = await table.UpsertRow(Entry(42, "keep-polling", TimeSpan.FromMinutes(1)));
        var stored = await table.ReadRow(Inverter(42), "keep-polling");

        Assert.Equal("1", again);
        Assert.Equal((Start, TimeSpan.FromMinutes(1), "1"), (stored!.StartAt, stored.Period, stored.ETag));
        Assert.Equal(DateTimeKind.Utc, stored.StartAt.Kind);
        Assert.Equal(2_000, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM orleans_reminders", Token));
        Assert.Equal(["keep-polling"], (await table.ReadRows(Inverter(7))).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task A_removal_needs_the_current_etag()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("unremind", Token);
        await using var table = new PostgresReminderTable(db, "solarfleet-tests");
        var first = await table.UpsertRow(Entry(1, "keep-polling", TimeSpan.FromMinutes(5)));
        var second = await table.UpsertRow(Entry(1, "keep-polling", TimeSpan.FromMinutes(5)));

        Assert.False(await table.RemoveRow(Inverter(1), "keep-polling", first!));
        Assert.False(await table.RemoveRow(Inverter(1), "keep-polling", "not-a-version"));
        Assert.NotNull(await table.ReadRow(Inverter(1), "keep-polling"));
        Assert.True(await table.RemoveRow(Inverter(1), "keep-polling", second!));
        Assert.Null(await table.ReadRow(Inverter(1), "keep-polling"));
        Assert.False(await table.RemoveRow(Inverter(1), "keep-polling", second!));
    }

    [Fact]
    public async Task Ring_ranges_split_the_reminders_between_silos_each_exactly_once_also_across_the_wrap()
    {
        var db = await fixture.Server.CreateMigratedDatabaseAsync("ring", Token);
        await using var table = new PostgresReminderTable(db, "solarfleet-tests");
        var entries = Enumerable.Range(0, 500).Select(i => Entry(i, "keep-polling", TimeSpan.FromMinutes(5))).ToList();
        await Task.WhenAll(entries.Select(table.UpsertRow));

        // Three silos' ranges, the last wrapping past the top of the ring; then the whole ring as one range.
        uint[] bounds = [0x2000_0000, 0x9000_0000, 0xE000_0000];
        var ranges = new[] { (bounds[0], bounds[1]), (bounds[1], bounds[2]), (bounds[2], bounds[0]) };
        var seen = new List<GrainId>();
        foreach (var (begin, end) in ranges)
        {
            var rows = (await table.ReadRows(begin, end)).Reminders;
            Assert.All(rows, row => Assert.True(InRange(row.GrainId.GetUniformHashCode(), begin, end), $"{row.GrainId} is outside ({begin:x}, {end:x}]"));
            seen.AddRange(rows.Select(row => row.GrainId));
        }

        Assert.Equal(entries.Select(e => e.GrainId).Order(), seen.Order());
        Assert.Equal(500, (await table.ReadRows(bounds[1], bounds[1])).Reminders.Count);
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId Inverter(int i) => GrainId.Create("inverter", $"site-{i / 10}|inv-{i % 10}");

    private static ReminderEntry Entry(int i, string name, TimeSpan period) =>
        new() { GrainId = Inverter(i), ReminderName = name, StartAt = Start, Period = period };
}

using SolarFleet.Abstractions.Energy;
using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Tests.Units;

public sealed class MemoryEnergyLedgerStoreTests
{
    private static readonly DateOnly Day = new(2026, 6, 21);
    private readonly MemoryEnergyLedgerStore _store = new();

    [Fact]
    public async Task An_upsert_never_lowers_what_is_stored_for_an_inverter_and_date()
    {
        _store.Upsert(Row("a", "1", Day, 5000, coverage: 0.9, lifetime: 100.5));
        _store.Upsert(Row("a", "1", Day, 4000, coverage: 0.5, lifetime: 99.0));
        _store.Upsert(Row("a", "1", Day, 4000, coverage: 1.0, lifetime: 100.0, complete: true));

        var row = Assert.Single(await Query("a", Day, Day));
        Assert.Equal(5000, row.EnergyWh);
        Assert.Equal(1.0, row.Coverage);
        Assert.Equal(100.5, row.LifetimeEndKwh);
        Assert.True(row.Complete);
    }

    [Fact]
    public async Task A_row_of_a_later_epoch_replaces_the_stored_one_and_a_late_row_of_an_earlier_epoch_changes_nothing()
    {
        _store.Upsert(Row("a", "1", Day, 14_051));
        _store.Upsert(Row("a", "1", Day, 11_993) with { Epoch = 1, SetAsideWh = 14_051 });
        _store.Upsert(Row("a", "1", Day, 14_100));

        var row = Assert.Single(await Query("a", Day, Day));
        Assert.Equal((1, 11_993L, 14_051L), (row.Epoch, row.EnergyWh, row.SetAsideWh));
    }

    [Fact]
    public async Task Replaying_the_same_rows_gives_the_same_result()
    {
        var rows = new[] { Row("a", "1", Day, 100), Row("a", "1", Day, 300), Row("a", "1", Day, 200) };
        foreach (var row in rows.Concat(rows))
        {
            _store.Upsert(row);
        }

        Assert.Equal(300, Assert.Single(await Query("a", Day, Day)).EnergyWh);
    }

    [Fact]
    public async Task Queries_a_site_or_every_site_by_date_range_in_site_inverter_date_order()
    {
        _store.Upsert(Row("b", "2", Day, 1));
        _store.Upsert(Row("a", "2", Day.AddDays(-1), 2));
        _store.Upsert(Row("a", "1", Day, 3));
        _store.Upsert(Row("a", "1", Day.AddDays(-1), 4));
        _store.Upsert(Row("a", "1", Day.AddDays(-5), 5));

        var siteA = await Query("a", Day.AddDays(-1), Day);
        Assert.Equal([4L, 3L, 2L], siteA.Select(row => row.EnergyWh));

        var all = await Query(null, Day.AddDays(-1), Day);
        Assert.Equal([4L, 3L, 2L, 1L], all.Select(row => row.EnergyWh));
        Assert.Empty(await Query("missing", Day, Day));
    }

    private async Task<List<DailyEnergy>> Query(string? siteId, DateOnly from, DateOnly to)
    {
        var rows = new List<DailyEnergy>();
        await foreach (var row in _store.QueryAsync(siteId, from, to, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static DailyEnergy Row(string site, string inverter, DateOnly date, long energy, double coverage = 0.5, double? lifetime = null, bool complete = false) =>
        new(site, inverter, date, energy, lifetime, coverage, complete, 0, null);
}

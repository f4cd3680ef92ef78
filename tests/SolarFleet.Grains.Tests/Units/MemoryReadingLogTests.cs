using SolarFleet.Grains.Energy;

namespace SolarFleet.Grains.Tests.Units;

public sealed class MemoryReadingLogTests
{
    [Fact]
    public void Keeps_the_most_recent_readings_up_to_its_capacity_oldest_first()
    {
        var log = new MemoryReadingLog(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            log.Append(new InverterReadingRecord("s", "i", DateTimeOffset.UnixEpoch.AddSeconds(i), null, i, null, null, 7, null, null, null));
        }

        Assert.Equal(5, log.Appended);
        Assert.Equal([3, 4, 5], log.Recent().Select(reading => reading.PowerW));
    }

    [Fact]
    public async Task A_sites_power_holds_exactly_its_readings_still_in_the_ring_while_other_sites_overwrite_the_oldest()
    {
        var log = new MemoryReadingLog(capacity: 5);
        var from = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        string[] sites = ["a", "b", "a", "c", "a", "b", "b", "c", "a"];
        for (var i = 0; i < sites.Length; i++)
        {
            log.Append(new InverterReadingRecord(sites[i], "inv", from.AddMinutes(i), null, 100 * (i + 1), null, null, 7, null, null, null));
        }

        // The last five are held, the 5th to the 9th: a, b, b, c, a.
        Assert.Equal([500, 900], log.OfSite("a").Select(reading => reading.PowerW));
        Assert.Equal([600, 700], log.OfSite("b").Select(reading => reading.PowerW));
        Assert.Equal([800], log.OfSite("c").Select(reading => reading.PowerW));
        Assert.Empty(log.OfSite("nowhere"));
        Assert.Equal(log.Recent().Where(reading => reading.SiteId == "a"), log.OfSite("a"));

        var power = await log.PowerAsync("a", ["inv"], from, from.AddHours(1), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([new PowerSlot(from.AddMinutes(4), 500, 1), new PowerSlot(from.AddMinutes(8), 900, 1)], power);
    }

    [Fact]
    public void A_site_whose_every_reading_was_overwritten_is_forgotten_and_can_come_back()
    {
        var log = new MemoryReadingLog(capacity: 2);
        var at = DateTimeOffset.UnixEpoch;
        log.Append(new InverterReadingRecord("gone", "inv", at, null, 1, null, null, 7, null, null, null));
        log.Append(new InverterReadingRecord("stays", "inv", at, null, 2, null, null, 7, null, null, null));
        log.Append(new InverterReadingRecord("stays", "inv", at, null, 3, null, null, 7, null, null, null));
        Assert.Empty(log.OfSite("gone"));

        log.Append(new InverterReadingRecord("gone", "inv", at, null, 4, null, null, 7, null, null, null));
        Assert.Equal([4], log.OfSite("gone").Select(reading => reading.PowerW));
        Assert.Equal([3], log.OfSite("stays").Select(reading => reading.PowerW));
    }

    [Fact]
    public void Rejects_a_capacity_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryReadingLog(0));

    [Fact]
    public async Task Power_per_slot_adds_each_inverters_mean_rounded_half_away_from_zero()
    {
        var log = new MemoryReadingLog(capacity: 10);
        var from = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        void Read(string inverter, int second, int? watts) =>
            log.Append(new InverterReadingRecord("s", inverter, from.AddSeconds(second), null, watts, null, null, 2, null, null, null));
        Read("a", 10, 1);
        Read("a", 40, 2);
        Read("b", 60, 1_000);
        Read("b", 70, null);
        Read("a", 330, 7);
        Read("c", 30, 50_000);
        Read("a", 600, 9);

        var slots = await log.PowerAsync("s", ["a", "b"], from, from.AddMinutes(10), TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        // Slot one: a's mean 1.5 plus b's 1,000 is 1,001.5, rounded up; slot two: a alone; the reading at the range's end is out.
        Assert.Equal([new PowerSlot(from, 1_002, 2), new PowerSlot(from.AddMinutes(5), 7, 1)], slots);
    }
}

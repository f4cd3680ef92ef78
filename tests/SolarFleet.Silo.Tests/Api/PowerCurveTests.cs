using Microsoft.Extensions.Time.Testing;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Grains.Energy;
using SolarFleet.Silo.Api.Power;

namespace SolarFleet.Silo.Tests.Api;

public sealed class PowerCurveTests
{
    // 12:12 at a site two hours ahead of UTC.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 10, 12, 0, TimeSpan.Zero));
    private readonly MemoryReadingLog log = new(100);

    private static readonly SiteSnapshot Site = new(
        "home",
        new SiteSettings("Home", "Etc/GMT-2"),
        new Dictionary<string, InverterSettings> { ["a"] = new("127.0.0.1", 61001), ["b"] = new("127.0.0.1", 61002) },
        default);

    private void Read(string site, string inverter, int hour, int minute, int second, int? watts) =>
        log.Append(new InverterReadingRecord(site, inverter, new DateTimeOffset(2026, 6, 1, hour - 2, minute, second, TimeSpan.Zero), null, watts, null, null, 2, null, null, null));

    [Fact]
    public async Task Every_slot_from_local_midnight_to_now_is_listed_and_those_without_readings_have_no_power()
    {
        Read("home", "a", 12, 0, 10, 1_000);
        Read("home", "a", 12, 10, 5, 800);

        var curve = await new PowerCurves(log, time).DayAsync(Site, date: null, TestContext.Current.CancellationToken);

        Assert.Equal(new DateOnly(2026, 6, 1), curve.Date);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(2)), curve.From);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.FromHours(2)), curve.To);
        Assert.Equal(147, curve.Slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 10, 0, TimeSpan.FromHours(2)), curve.Slots[^1].Start);
        Assert.Equal([1_000L, null, 800L], curve.Slots.Skip(144).Select(s => s.PowerW));
        Assert.All(curve.Slots.Take(144), s => Assert.Null(s.PowerW));
    }

    [Fact]
    public async Task A_slot_adds_each_inverters_mean_and_leaves_out_other_sites_and_inverters_the_site_no_longer_has()
    {
        Read("home", "a", 12, 0, 10, 1_000);
        Read("home", "a", 12, 0, 40, 2_000);
        Read("home", "b", 12, 1, 0, 500);
        Read("home", "b", 12, 2, 0, null);
        Read("home", "removed", 12, 1, 0, 9_000);
        Read("other", "a", 12, 1, 0, 9_000);

        var curve = await new PowerCurves(log, time).DayAsync(Site, date: null, TestContext.Current.CancellationToken);

        var slot = curve.Slots[144];
        Assert.Equal(2_000, slot.PowerW);
        Assert.Equal(2, slot.Inverters);
    }

    [Fact]
    public async Task A_past_day_is_listed_whole_and_a_day_to_come_has_no_slots()
    {
        var yesterday = await new PowerCurves(log, time).DayAsync(Site, new DateOnly(2026, 5, 31), TestContext.Current.CancellationToken);
        var tomorrow = await new PowerCurves(log, time).DayAsync(Site, new DateOnly(2026, 6, 2), TestContext.Current.CancellationToken);

        Assert.Equal(288, yesterday.Slots.Count);
        Assert.Empty(tomorrow.Slots);
    }
}

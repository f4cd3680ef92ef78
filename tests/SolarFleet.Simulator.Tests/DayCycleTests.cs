using System.Globalization;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Tests.Support;

namespace SolarFleet.Simulator.Tests;

/// <summary>A whole simulated day, polled over TCP every 23 s of fake time.</summary>
public sealed class DayCycleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(23);

    [Fact]
    public async Task A_midsummer_day_in_Los_Angeles_runs_dark_dawn_production_dusk_dark()
    {
        using var deadline = TestClock.Deadline(20);
        var site = TestClock.LosAngeles;
        var date = new DateOnly(2025, 6, 21);
        var clock = TestClock.At(site, date.ToDateTime(TimeOnly.MinValue));
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [site] }, clock, null, deadline.Token);
        var pi = simulator.Pis[0];
        var sun = site.SunTimesOn(date);
        await using var client = await WireClient.ConnectAsync(pi.Endpoint, deadline.Token);

        var polls = new List<Poll>();
        var end = clock.GetUtcNow().AddDays(1).AddSeconds(-1);
        while (clock.GetUtcNow() <= end)
        {
            polls.Add(new Poll(clock.GetUtcNow(), await client.PollOpenAsync(deadline.Token)));
            clock.Advance(Step);
        }

        var night = polls.Where(p => p.At < sun.Sunrise).ToList();
        var today = polls.Where(p => p.TimeStamp.Date == date.ToDateTime(TimeOnly.MinValue)).ToList();
        var yesterday = polls[0];

        // Before dawn: yesterday's last values, frozen, with yesterday's TimeStamp.
        Assert.All(night, p => Assert.Equal(yesterday.Answers, p.Answers));
        Assert.Equal(date.AddDays(-1), DateOnly.FromDateTime(yesterday.TimeStamp));
        Assert.Equal(3, yesterday.Status);
        Assert.Equal(0, yesterday.PowerNow);
        Assert.True(yesterday.PowerToday > 10_000, $"Yesterday ended with {yesterday.PowerToday} Wh.");

        // Dawn 3, 2, then production, then 3 at dusk; the first update of the day starts PowerToday again.
        Assert.Equal([3, 2, 7, 3], Collapse(today.Select(p => p.Status)));
        Assert.Equal(0, today[0].PowerToday);
        Assert.Equal(0, today[0].UpTime);
        var firstUpdate = today[0].TimeStamp;
        Assert.InRange(firstUpdate, sun.Sunrise!.Value.DateTime, sun.Sunrise.Value.DateTime.AddSeconds(23));

        // Production: positive, capped at 4,000 W, near the cap at noon in June.
        var producing = today.Where(p => p.Status == 7).ToList();
        Assert.All(producing, p => Assert.InRange(p.PowerNow, 1, 4000));
        Assert.InRange(producing.Max(p => p.PowerNow), 2500, 4000);
        Assert.All(today.Where(p => p.Status != 7), p => Assert.Equal(0, p.PowerNow));

        // Counters only grow through the day; every answer is the inverter's latest 23 s update.
        Assert.True(IsNonDecreasing(polls.Select(p => p.PowerTotal)), "PowerTotal went backwards.");
        Assert.True(IsNonDecreasing(today.Select(p => (double)p.PowerToday)), "PowerToday went backwards during the day.");
        Assert.True(IsNonDecreasing(today.Select(p => (double)p.UpTime)), "UpTime went backwards during the day.");
        Assert.All(today.Where(p => p.At <= sun.Sunset), p => Assert.InRange(site.LocalTime(p.At) - p.TimeStamp, TimeSpan.Zero, Step));

        // After dusk: frozen again at the last update before sunset.
        var evening = polls.Where(p => p.At > sun.Sunset!.Value.AddSeconds(23)).ToList();
        Assert.NotEmpty(evening);
        Assert.All(evening, p => Assert.Equal(evening[0].Answers, p.Answers));
        Assert.Equal(3, evening[0].Status);
        Assert.InRange(evening[0].TimeStamp, sun.Sunset!.Value.DateTime.AddSeconds(-23), sun.Sunset!.Value.DateTime);

        // The truth is exactly what the Pi ended each day with.
        Assert.Equal(yesterday.PowerToday, pi.EnergyOn(date.AddDays(-1)));
        Assert.Equal(evening[^1].PowerToday, pi.EnergyOn(date));
        Assert.Equal(0, pi.EnergyOn(date.AddDays(1)));
        Assert.True(evening[^1].PowerToday > yesterday.PowerToday / 2);
    }

    [Fact]
    public async Task Values_change_only_at_inverter_updates_23_seconds_apart()
    {
        using var deadline = TestClock.Deadline();
        var site = TestClock.LosAngeles;
        var clock = TestClock.At(site, new DateTime(2025, 6, 21, 11, 0, 0));
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [site] }, clock, null, deadline.Token);
        await using var client = await WireClient.ConnectAsync(simulator.Pis[0].Endpoint, deadline.Token);

        var polls = new List<Poll>();
        for (var second = 0; second < 100; second++)
        {
            polls.Add(new Poll(clock.GetUtcNow(), await client.PollOpenAsync(deadline.Token)));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var updates = polls.GroupBy(p => p.TimeStamp).ToList();
        Assert.InRange(updates.Count, 4, 6);
        Assert.All(updates, update => Assert.All(update, p => Assert.Equal(update.First().Answers, p.Answers)));
        Assert.All(updates.Skip(1).Zip(updates), pair => Assert.Equal(Step, pair.First.Key - pair.Second.Key));
        Assert.All(updates.Skip(1).Zip(updates), pair => Assert.True(pair.First.First().PowerToday >= pair.Second.First().PowerToday));
    }

    [Theory]
    [InlineData("los-angeles", 2025, 6, 21, "05:42", "20:08")]
    [InlineData("los-angeles", 2025, 12, 21, "06:55", "16:47")]
    [InlineData("sydney", 2025, 6, 21, "07:00", "16:54")]
    [InlineData("sydney", 2025, 12, 21, "05:41", "20:05")]
    public void Sunrise_and_sunset_match_published_times_within_a_few_minutes(string siteName, int year, int month, int day, string sunrise, string sunset)
    {
        var site = siteName == "sydney" ? TestClock.Sydney : TestClock.LosAngeles;
        var date = new DateOnly(year, month, day);

        var sun = site.SunTimesOn(date);

        AssertNear(date.ToDateTime(TimeOnly.Parse(sunrise, CultureInfo.InvariantCulture)), sun.Sunrise!.Value.DateTime);
        AssertNear(date.ToDateTime(TimeOnly.Parse(sunset, CultureInfo.InvariantCulture)), sun.Sunset!.Value.DateTime);
        Assert.Equal(site.TimeZone.GetUtcOffset(sun.SolarNoon), sun.SolarNoon.Offset);
    }

    [Fact]
    public void Polar_night_has_no_sunrise_and_polar_day_lasts_all_day()
    {
        var tromso = new SimulatedSite("tromso", 69.65, 18.96, "Europe/Oslo");

        Assert.Null(tromso.SunTimesOn(new DateOnly(2025, 12, 21)).Sunrise);
        var midsummer = tromso.SunTimesOn(new DateOnly(2025, 6, 21));
        Assert.Equal(TimeSpan.Zero, midsummer.Sunrise!.Value.TimeOfDay);
        Assert.True(midsummer.Sunset!.Value - midsummer.Sunrise.Value > TimeSpan.FromHours(23.9));
    }

    [Fact]
    public async Task In_the_southern_hemisphere_December_noon_produces_and_a_June_morning_is_still_dark()
    {
        using var deadline = TestClock.Deadline();
        var site = TestClock.Sydney;
        var summer = TestClock.At(site, new DateTime(2025, 12, 21, 13, 0, 0));
        var winter = TestClock.At(site, new DateTime(2025, 6, 21, 6, 50, 0));
        var options = new PiSimulatorOptions { Sites = [site] };
        await using var summerPis = await PiSimulator.StartAsync(options, summer, null, deadline.Token);
        await using var winterPis = await PiSimulator.StartAsync(options, winter, null, deadline.Token);

        var noon = new Poll(summer.GetUtcNow(), await WireClient.PollAsync(summerPis.Pis[0].Endpoint, deadline.Token));
        var morning = new Poll(winter.GetUtcNow(), await WireClient.PollAsync(winterPis.Pis[0].Endpoint, deadline.Token));

        Assert.Equal(7, noon.Status);
        Assert.InRange(noon.PowerNow, 1500, 4000);
        Assert.Equal(new DateOnly(2025, 6, 20), DateOnly.FromDateTime(morning.TimeStamp));
        Assert.Equal(3, morning.Status);
    }

    [Fact]
    public async Task A_forced_restart_resets_PowerToday_and_UpTime_but_the_truth_keeps_the_energy()
    {
        using var deadline = TestClock.Deadline();
        var site = TestClock.LosAngeles;
        var date = new DateOnly(2025, 6, 21);
        var clock = TestClock.At(site, date.ToDateTime(new TimeOnly(12, 0)));
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [site] }, clock, null, deadline.Token);
        var pi = simulator.Pis[0];
        var before = new Poll(clock.GetUtcNow(), await WireClient.PollAsync(pi.Endpoint, deadline.Token));

        Assert.True(pi.RestartInverter());
        var restarted = new Poll(clock.GetUtcNow(), await WireClient.PollAsync(pi.Endpoint, deadline.Token));
        clock.Advance(TimeSpan.FromMinutes(30));
        var later = new Poll(clock.GetUtcNow(), await WireClient.PollAsync(pi.Endpoint, deadline.Token));
        clock.Advance(TimeSpan.FromHours(12));
        var night = new Poll(clock.GetUtcNow(), await WireClient.PollAsync(pi.Endpoint, deadline.Token));

        Assert.True(before.PowerToday > 5000);
        Assert.Equal((0, 0, 0, 3), (restarted.PowerToday, restarted.UpTime, restarted.PowerNow, restarted.Status));
        Assert.Equal(7, later.Status);
        Assert.InRange(later.PowerToday, 1, before.PowerToday - 1);
        Assert.True(later.PowerTotal > before.PowerTotal);
        Assert.Equal(before.PowerToday + night.PowerToday, pi.EnergyOn(date));
        Assert.True(night.PowerToday < pi.EnergyOn(date));
    }

    [Fact]
    public async Task A_restart_at_night_changes_nothing()
    {
        using var deadline = TestClock.Deadline();
        var clock = TestClock.At(TestClock.LosAngeles, new DateTime(2025, 6, 21, 23, 0, 0));
        await using var simulator = await PiSimulator.StartAsync(new PiSimulatorOptions { Sites = [TestClock.LosAngeles] }, clock, null, deadline.Token);
        var pi = simulator.Pis[0];
        var before = pi.Reading;

        Assert.False(pi.RestartInverter());
        Assert.Equal(before, pi.Reading);
    }

    private static void AssertNear(DateTime expected, DateTime actual) =>
        Assert.InRange(actual, expected.AddMinutes(-5), expected.AddMinutes(5));

    private static List<int> Collapse(IEnumerable<int> values)
    {
        var collapsed = new List<int>();
        foreach (var value in values)
        {
            if (collapsed.Count == 0 || collapsed[^1] != value)
            {
                collapsed.Add(value);
            }
        }

        return collapsed;
    }

    private static bool IsNonDecreasing(IEnumerable<double> values) =>
        values.Zip(values.Skip(1)).All(pair => pair.Second >= pair.First);

    private sealed record Poll(DateTimeOffset At, Dictionary<string, string> Answers)
    {
        public int PowerNow => int.Parse(Answers["PowerNow"], CultureInfo.InvariantCulture);

        public long PowerToday => long.Parse(Answers["PowerToday"], CultureInfo.InvariantCulture);

        public double PowerTotal => double.Parse(Answers["PowerTotal"], CultureInfo.InvariantCulture);

        public int Status => int.Parse(Answers["Status"], CultureInfo.InvariantCulture);

        public long UpTime => long.Parse(Answers["UpTime"], CultureInfo.InvariantCulture);

        public DateTime TimeStamp => DateTime.ParseExact(Answers["TimeStamp"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}

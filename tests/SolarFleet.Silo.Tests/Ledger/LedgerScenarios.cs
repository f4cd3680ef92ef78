using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Ledger;

/// <summary>
/// What the issue saw from outside, as scripted Pis over real sockets to the real host on a fake clock: every day's
/// energy to the watt-hour, whatever the Pis do. Run on the embedded default and on PostgreSQL alike.
/// </summary>
public abstract class LedgerScenarios
{
    protected static readonly DateTimeOffset Start = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Today = DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>A fresh host for one scenario, on this class's storage.</summary>
    protected abstract Task<LedgerHost> StartHostAsync();

    [Fact]
    public async Task Misreads_an_impossible_value_and_a_real_restart_leave_each_inverter_day_as_the_inverter_counted_it()
    {
        await using var host = await StartHostAsync();
        await using var honest = new ScriptedPi();
        await using var misreads = new ScriptedPi();
        await using var alternating = new ScriptedPi();
        await using var restarted = new ScriptedPi();
        var pis = new[] { ("honest", honest), ("misreads", misreads), ("alternating", alternating), ("restarted", restarted) };
        await host.AddSiteAsync("home");
        Serve(host, pis, step: 0);
        foreach (var (id, pi) in pis)
        {
            await host.PointAsync("home", id, pi);
        }

        const int Steps = 20;
        for (var step = 1; step <= Steps; step++)
        {
            Serve(host, pis, step);
            await host.StepAsync([.. pis.Select(p => ("home", p.Item1))]);
        }

        // Each inverter's day is what its own counters say: misreads and impossible values set aside, the restart's
        // earlier stretch carried.
        var expected = new Dictionary<string, long>
        {
            ["honest"] = Honest(Steps).TodayWh,
            ["misreads"] = Honest(Steps).TodayWh,
            ["alternating"] = Honest(Steps).TodayWh,
            ["restarted"] = RestartedTruthWh(Steps),
        };
        foreach (var (id, wh) in expected)
        {
            Assert.Equal(wh, (long)(await host.InverterAsync("home", id))["energyTodayWh"]!);
        }

        var day = Assert.Single(await host.SiteDaysAsync("home", Today, Today));
        Assert.Equal(expected.Values.Sum(), (long)day!["energyWh"]!);
        Assert.Equal(2 + 10, (int)day["anomalies"]!);
        Assert.Equal(1, (int)day["restarts"]!);
        Assert.Equal("partial", (string)day["periodStatus"]!);
        var restartAudit = Assert.Single(await host.InverterDaysAsync("home", "restarted", Today, Today))!["audit"]!.AsArray();
        Assert.Contains(restartAudit, entry => (string)entry!["kind"]! == "restart");

        // One read path: the site, the fleet and the report agree with the inverters.
        await host.FleetAsync(f => (long)f["energyTodayWh"]! == expected.Values.Sum(), "the fleet to add up the four inverters");
        Assert.Equal(expected.Values.Sum(), (long)(await host.Admin.GetJson("/api/sites/home"))["energyTodayWh"]!);

        // Days later the day is read from the ledger store, and still holds.
        await PassDaysAsync(host, pis, days: 4);
        var stored = Assert.Single(await host.SiteDaysAsync("home", Today, Today));
        Assert.Equal(expected.Values.Sum(), (long)stored!["energyWh"]!);
        Assert.Equal("complete", (string)stored["periodStatus"]!);
    }

    [Fact]
    public async Task Correcting_an_address_to_the_right_pi_starts_the_day_from_it_and_keeps_the_wrong_pis_energy_apart()
    {
        await using var host = await StartHostAsync();
        await using var wrong = new ScriptedPi();
        await using var right = new ScriptedPi();
        await host.AddSiteAsync("home");
        wrong.Values = PiValues.Generating(Local(host), 3000, 14_051, 5678.900, 30_000);
        right.Values = PiValues.Generating(Local(host), 2500, 11_993, 1234.500, 29_000);
        await host.PointAsync("home", "garage", wrong);
        for (var step = 1; step <= 3; step++)
        {
            wrong.Values = PiValues.Generating(Local(host, 5), 3000, 14_051 + (26 * step), 5678.900 + (0.026 * step), 30_000 + (5 * step));
            await host.StepAsync(("home", "garage"));
        }

        await host.PointAsync("home", "garage", right);
        for (var step = 1; step <= 3; step++)
        {
            right.Values = PiValues.Generating(Local(host, 5), 2500, 11_993 + (20 * step), 1234.500 + (0.020 * step), 29_000 + (5 * step));
            await host.StepAsync(("home", "garage"));
        }

        Assert.Equal(12_053, (long)(await host.InverterAsync("home", "garage"))["energyTodayWh"]!);
        var day = Assert.Single(await host.InverterDaysAsync("home", "garage", Today, Today))!;
        Assert.Equal(12_053, (long)day["energyWh"]!);
        Assert.Equal(14_051 + (26 * 3), (long)day["setAsideWh"]!);
        Assert.Contains(day["audit"]!.AsArray(), entry => (string)entry!["kind"]! == "sourceChanged" && ((string)entry["detail"]!).Contains("a different inverter", StringComparison.Ordinal));
        var site = Assert.Single(await host.SiteDaysAsync("home", Today, Today))!;
        Assert.Equal(12_053, (long)site["energyWh"]!);
        Assert.Equal(14_129, (long)site["setAsideWh"]!);
    }

    [Fact]
    public async Task One_timestamp_in_2099_leaves_the_live_figures_and_the_day_alone_and_marks_the_poll_clock_skewed()
    {
        await using var host = await StartHostAsync();
        await using var pi = new ScriptedPi();
        await host.AddSiteAsync("home");
        pi.Values = Values(Honest(0), Local(host));
        await host.PointAsync("home", "roof", pi);
        for (var step = 1; step <= 6; step++)
        {
            pi.Values = Values(Honest(step), Local(host, 5));
            if (step == 3)
            {
                pi.Values = pi.Values with { TimeStamp = "2099-01-01 00:00:00" };
            }

            await host.StepAsync(("home", "roof"));
            var inverter = await host.InverterAsync("home", "roof");
            Assert.Equal("2026-06-21", (string)inverter["localDate"]!);
            Assert.Equal(step == 3, inverter["clockSkew"] is not null);
        }

        Assert.Equal(Honest(6).TodayWh, (long)(await host.InverterAsync("home", "roof"))["energyTodayWh"]!);
        await host.FleetAsync(f => (long)f["energyTodayWh"]! == Honest(6).TodayWh, "the fleet to count the inverter's day");
        var audit = Assert.Single(await host.InverterDaysAsync("home", "roof", Today, Today))!["audit"]!.AsArray();
        Assert.Contains(audit, entry => (string)entry!["kind"]! == "clockSkew");
    }

    [Fact]
    public async Task A_removed_site_keeps_its_energy_reachable_and_adding_it_again_continues_the_day()
    {
        await using var host = await StartHostAsync();
        await using var pi = new ScriptedPi();
        await host.AddSiteAsync("gone");
        pi.Values = Values(Honest(0), Local(host));
        await host.PointAsync("gone", "roof", pi);
        for (var step = 1; step <= 4; step++)
        {
            pi.Values = Values(Honest(step), Local(host, 5));
            await host.StepAsync(("gone", "roof"));
        }

        using (var removal = await host.Admin.Delete("/api/sites/gone"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        }

        // Gone from the live views...
        using (var live = await host.Admin.Get("/api/sites/gone"))
        {
            Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
            Assert.Contains("removed", (string)(await live.Json())["detail"]!, StringComparison.Ordinal);
        }

        Assert.DoesNotContain((await host.Admin.GetJson("/api/sites")).AsArray(), site => (string)site!["id"]! == "gone");

        // ...but its energy is where it was, site and fleet reports alike.
        var day = Assert.Single(await host.SiteDaysAsync("gone", Today, Today))!;
        Assert.Equal(Honest(4).TodayWh, (long)day["energyWh"]!);
        Assert.NotNull(day["siteRemovedAt"]);
        var fleet = (await host.Admin.GetJson($"/api/fleet/energy?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}")).AsArray();
        Assert.Equal(Honest(4).TodayWh, (long)fleet.Single(row => (string)row!["siteId"]! == "gone")!["energyWh"]!);

        // The same id again continues the same day.
        await host.AddSiteAsync("gone");
        pi.Values = Values(Honest(5), Local(host));
        await host.PointAsync("gone", "roof", pi);
        await host.StepAsync(("gone", "roof"));
        Assert.Equal(Honest(5).TodayWh, (long)(await host.InverterAsync("gone", "roof"))["energyTodayWh"]!);
        var again = Assert.Single(await host.SiteDaysAsync("gone", Today, Today))!;
        Assert.Equal(Honest(5).TodayWh, (long)again["energyWh"]!);
        Assert.Null(again["siteRemovedAt"]);
    }

    [Fact]
    public async Task Report_periods_say_whether_they_are_complete_partial_or_in_the_future()
    {
        await using var host = await StartHostAsync();
        await using var pi = new ScriptedPi();
        await host.AddSiteAsync("home");
        pi.Values = Values(Honest(0), Local(host));
        await host.PointAsync("home", "roof", pi);

        var days = await host.SiteDaysAsync("home", Today.AddDays(-1), Today.AddDays(1));
        Assert.Equal(["complete", "partial", "future"], days.Select(d => (string)d!["periodStatus"]!));
        Assert.Null(days[2]!["energyWh"]);
        Assert.Null(days[2]!["coverage"]);
        Assert.All(days, d => Assert.Equal("UTC", (string)d!["timeZone"]!));

        var month = Assert.Single((await host.Admin.GetJson($"/api/sites/home/energy?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}&interval=month")).AsArray())!;
        Assert.Equal(("2026-06", "partial", "2026-06-21", "2026-06-21"), ((string)month["period"]!, (string)month["periodStatus"]!, (string)month["from"]!, (string)month["to"]!));

        using var csv = await host.Admin.Get($"/api/sites/home/energy?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}&format=csv");
        var lines = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("timeZone", lines[0], StringComparison.Ordinal);
        Assert.Contains(",partial,UTC,", lines[1], StringComparison.Ordinal);
    }

    /// <summary>An honest inverter, step by step from registration at 4,000 Wh: 25 Wh and 5 s of production a step.</summary>
    private static (long TodayWh, long UptimeSeconds, double TotalKwh) Honest(int step) =>
        (4000 + (25L * step), 14_000 + (5L * step), 1000 + ((4000 + (25.0 * step)) / 1000));

    private const int RestartStep = 9;

    /// <summary>The restarted inverter's true day: its counter before the restart (step 8) plus the one after.</summary>
    private static long RestartedTruthWh(int step) => Honest(RestartStep - 1).TodayWh + (25L * (step - RestartStep));

    private static void Serve(LedgerHost host, (string Id, ScriptedPi Pi)[] pis, int step)
    {
        var at = Local(host, step == 0 ? 0 : 5);
        foreach (var (id, pi) in pis)
        {
            var values = Values(Honest(step), at);
            pi.Values = id switch
            {
                "misreads" when step is 5 or 12 => values with { PowerToday = "0" },
                "alternating" when step is >= 3 and <= 12 => values with { PowerToday = step % 2 == 1 ? "100000" : "0" },
                "restarted" when step >= RestartStep => Values(
                    (25L * (step - RestartStep), 5L * (step - RestartStep), 1000 + ((4000 + (25.0 * (RestartStep - 1)) + (25.0 * (step - RestartStep))) / 1000)),
                    at),
                _ => values,
            };
        }
    }

    private static PiValues Values((long TodayWh, long UptimeSeconds, double TotalKwh) truth, DateTime at) =>
        PiValues.Generating(at, 2000, truth.TodayWh, truth.TotalKwh, truth.UptimeSeconds);

    /// <summary>The site's wall time (UTC) of the Pi's last update, a little before the poll that is <paramref name="ahead"/> s away.</summary>
    private static DateTime Local(LedgerHost host, int ahead = 0) => host.Clock.GetUtcNow().UtcDateTime.AddSeconds(ahead - 2);

    /// <summary>Moves on a day at a time, each with one poll of every Pi (which, dark, keeps serving its last values).</summary>
    private static async Task PassDaysAsync(LedgerHost host, (string Id, ScriptedPi Pi)[] pis, int days)
    {
        for (var day = 0; day < days; day++)
        {
            host.Clock.Advance(TimeSpan.FromDays(1));
            var now = host.Clock.GetUtcNow();
            foreach (var (id, _) in pis)
            {
                await Eventually.Get(
                    () => host.InverterAsync("home", id),
                    inverter => inverter["lastPollAt"]?.GetValue<DateTimeOffset>() >= now,
                    TimeSpan.FromSeconds(15),
                    string.Create(CultureInfo.InvariantCulture, $"home/{id} to poll on day +{day + 1}"));
            }
        }

        // Let the store take every final row (PostgreSQL flushes each second of the clock).
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Ledger;
using SolarFleet.Webhooks.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Alerts;

/// <summary>
/// Alerts as an installer and a webhook receiver meet them: the real host on a fake clock, Pis over loopback sockets,
/// a signed webhook receiver on loopback. Timings are shortened by configuration, as an operator can.
/// </summary>
public sealed class AlertApiTests
{
    private const string Zone = "America/Phoenix";
    private const double Latitude = 33.45;
    private const double Longitude = -112.07;

    // Local noon in Phoenix (UTC-7 all year), midsummer.
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 19, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grid_out_of_range_is_raised_listed_sent_resolved_and_acknowledged_by_the_keys_holder()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        await host.AddSiteAsync("home", Zone, Latitude, Longitude);
        await using var pi = new ScriptedPi { Values = Generating(host, gridV: "256.0") };
        await host.PointAsync("home", "inv-1", pi);
        await StepsAsync(host, pi, 3, gridV: "256.0");

        var open = await host.Admin.GetJson("/api/alerts");
        var alert = Assert.Single(open["alerts"]!.AsArray())!;
        Assert.Equal("gridOutOfRange", alert["kind"]!.GetValue<string>());
        Assert.Equal("warning", alert["severity"]!.GetValue<string>());
        Assert.Equal("open", alert["state"]!.GetValue<string>());
        Assert.Equal(256.0, alert["figures"]!["gridVoltageV"]!.GetValue<double>());
        Assert.Contains("256 V is outside 228-252 V", alert["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = alert["id"]!.GetValue<string>();
        await Eventually.Get(() => Task.FromResult(receiver.Requests), seen => seen.Any(r => r.DeliveryId == $"{id}:raised"), TimeSpan.FromSeconds(20), "the raised webhook");

        await StepsAsync(host, pi, 5, gridV: "240.0");
        Assert.Empty((await host.Admin.GetJson("/api/alerts"))["alerts"]!.AsArray());
        var resolved = Assert.Single((await host.Admin.GetJson("/api/alerts?state=resolved"))["alerts"]!.AsArray())!;
        Assert.Equal(id, resolved["id"]!.GetValue<string>());
        Assert.NotNull(resolved["resolvedAt"]);
        await Eventually.Get(() => Task.FromResult(receiver.Requests), seen => seen.Any(r => r.DeliveryId == $"{id}:resolved"), TimeSpan.FromSeconds(20), "the resolved webhook");
        Assert.Single(receiver.Requests, r => r.DeliveryId == $"{id}:raised");

        using var reader = host.Factory.Client(SolarFleetFactory.ReaderKey);
        using (var refused = await reader.PostAsync(ApiJson.U($"/api/alerts/{id}/acknowledge"), null, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var first = await AcknowledgeAsync(host, id, HttpStatusCode.OK);
        Assert.Equal("ops-desk", first["acknowledgedBy"]!.GetValue<string>());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await AcknowledgeAsync(host, id, HttpStatusCode.OK);
        Assert.Equal(first["acknowledgedAt"]!.GetValue<DateTimeOffset>(), again["acknowledgedAt"]!.GetValue<DateTimeOffset>());
        await AcknowledgeAsync(host, "no-such-alert", HttpStatusCode.NotFound);

        var site = await host.Admin.GetJson("/api/sites/home/alerts?state=all");
        Assert.Equal(id, Assert.Single(site["alerts"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Contains("site's coordinates", site["daylight"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inverter_dark_at_noon_is_raised_at_once_as_critical_and_resolved_once_it_has_been_awake_for_the_clear_time()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        await host.AddSiteAsync("home", Zone, Latitude, Longitude);
        var yesterday = Local(host).AddHours(-18);
        await using var pi = new ScriptedPi { Values = Generating(host) with { PowerNow = "0", PowerToday = "0", Status = "3", TimeStamp = Stamp(yesterday) } };
        await host.PointAsync("home", "inv-1", pi);
        await host.StepAsync(("home", "inv-1"));

        var alert = Assert.Single((await host.Admin.GetJson("/api/sites/home/alerts"))["alerts"]!.AsArray())!;
        Assert.Equal("darkInDaylight", alert["kind"]!.GetValue<string>());
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal("Has not woken in daylight", alert["summary"]!.GetValue<string>());
        Assert.True(alert["figures"]!["sunElevationDeg"]!.GetValue<double>() > 70);

        await StepsAsync(host, pi, 4);
        var resolved = Assert.Single((await host.Admin.GetJson("/api/alerts?state=resolved&kind=darkInDaylight"))["alerts"]!.AsArray())!;
        Assert.Equal(alert["id"]!.GetValue<string>(), resolved["id"]!.GetValue<string>());
        var id = alert["id"]!.GetValue<string>();
        await Eventually.Get(() => Task.FromResult(receiver.Requests), seen => seen.Any(r => r.DeliveryId == $"{id}:resolved"), TimeSpan.FromSeconds(20), "the resolved webhook");
    }

    [Fact]
    public async Task A_site_that_cannot_be_placed_says_its_daylight_alerts_are_off_and_one_placed_by_its_zone_says_it_is_approximate()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        await host.AddSiteAsync("nowhere", "UTC");
        await host.AddSiteAsync("zoned", Zone);

        Assert.Contains("Daylight alerts are off", (await host.Admin.GetJson("/api/sites/nowhere/alerts"))["daylight"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("approximate", (await host.Admin.GetJson("/api/sites/zoned/alerts"))["daylight"]!.GetValue<string>(), StringComparison.Ordinal);
        using var missing = await host.Admin.Get("/api/sites/no-such-site/alerts");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Every_bad_alert_query_parameter_is_named_in_one_400()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        using var response = await host.Admin.Get("/api/alerts?state=closed&kind=broken&severity=urgent&limit=0&after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["after", "kind", "limit", "severity", "state"], (await response.ErrorFields()).Order(StringComparer.Ordinal));

        using var badId = await host.Admin.PostAsync(ApiJson.U("/api/alerts/NOT%20AN%20ID/acknowledge"), null, Token);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(["alertId"], await badId.ErrorFields());
    }

    [Fact]
    public async Task Alerts_page_newest_first_with_a_cursor_that_ends_on_the_last_page()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        await host.AddSiteAsync("home", Zone, Latitude, Longitude);
        var pis = new List<ScriptedPi>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var pi = new ScriptedPi { Values = Generating(host, gridV: "256.0") };
                pis.Add(pi);
                await host.PointAsync("home", $"inv-{i}", pi);
                await StepsAsync(host, pi, 3, gridV: "256.0");
            }

            var ids = new List<string>();
            string? next = null;
            do
            {
                var page = await host.Admin.GetJson("/api/alerts?limit=2" + (next is null ? "" : $"&after={next}"));
                ids.AddRange(page["alerts"]!.AsArray().Select(a => a!["inverterId"]!.GetValue<string>()));
                next = page["next"]?.GetValue<string>();
            }
            while (next is not null);

            Assert.Equal(["inv-2", "inv-1", "inv-0"], ids);
        }
        finally
        {
            foreach (var pi in pis)
            {
                await pi.DisposeAsync();
            }
        }
    }

    private static Task<LedgerHost> StartAsync(LoopbackReceiver receiver) => LedgerHost.StartAsync(Noon, connectionString: null, factory => factory
        .With("SolarFleet:ApiKeys:0:Name", "ops-desk")
        .With("SolarFleet:Alerts:Timing:GridOutOfRange:RaiseAfter", "00:00:10")
        .With("SolarFleet:Alerts:Timing:GridOutOfRange:ClearAfter", "00:00:15")
        .With("SolarFleet:Alerts:Timing:DarkInDaylight:RaiseAfter", "00:00:00")
        .With("SolarFleet:Alerts:Timing:DarkInDaylight:ClearAfter", "00:00:10")
        .With("SolarFleet:Alerts:Webhooks:0:Name", "installer")
        .With("SolarFleet:Alerts:Webhooks:0:Url", receiver.Url.ToString())
        .With("SolarFleet:Alerts:Webhooks:0:Secret", "a-secret-of-enough-length")
        .With("SolarFleet:Alerts:Delivery:PollInterval", "00:00:00.100"));

    private static async Task StepsAsync(LedgerHost host, ScriptedPi pi, int steps, string gridV = "240.5")
    {
        for (var i = 0; i < steps; i++)
        {
            pi.Values = Generating(host, gridV, secondsAhead: LedgerHost.PollSeconds);
            await host.StepAsync(("home", InverterOf(host, pi)));
        }
    }

    // Each test's Pis are registered as inv-N in order; the host knows which by its port.
    private static string InverterOf(LedgerHost host, ScriptedPi pi) => host.InverterIdOf(pi);

    private static PiValues Generating(LedgerHost host, string gridV = "240.5", int secondsAhead = 0) =>
        PiValues.Generating(Local(host).AddSeconds(secondsAhead - 2), 2000, 4000, 1234.5, 36_000) with { GridV = gridV };

    private static DateTime Local(LedgerHost host) => host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-7)).DateTime;

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<JsonNode> AcknowledgeAsync(LedgerHost host, string id, HttpStatusCode expected)
    {
        using var response = await host.Admin.PostAsync(ApiJson.U($"/api/alerts/{id}/acknowledge"), null, Token);
        Assert.Equal(expected, response.StatusCode);
        return await response.Json();
    }
}

using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Ledger;
using SolarFleet.Simulator.Faults;
using SolarFleet.Simulator.Hosting;
using SolarFleet.Simulator.Sites;
using SolarFleet.Simulator.Solar;
using SolarFleet.Webhooks.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Alerts;

/// <summary>
/// The simulator's inverter faults, end to end: a street of simulated Pis over loopback sockets, polled by the real host,
/// simulator and host on one fake clock; each fault raises its alert in the API and at a signed webhook receiver, and
/// resolves it there once the fault is gone. Waits and the comparison window are shortened by configuration.
/// </summary>
public sealed class SimulatedFaultAlertTests
{
    private const string Zone = "America/Phoenix";
    private const double Latitude = 33.45;
    private const double Longitude = -112.07;
    private const int CapacityW = 4_400;
    private const string Street = "street";

    // Just before local noon in Phoenix (UTC-7 all year), midsummer, half a minute into a comparison window.
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 18, 59, 30, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // What each Pi of the street suffers from noon, and the alert it must raise; the first five are healthy.
    private static readonly (string Inverter, Func<DateTimeOffset, PiFaults>? Fault, string? Alert)[] Pis =
    [
        ("inv-00", null, null),
        ("inv-01", null, null),
        ("inv-02", null, null),
        ("inv-03", null, null),
        ("inv-04", null, null),
        ("inv-05", _ => new PiFaults { Modes = PiFaultModes.Shading, ShadingLoss = 0.6, ShadedAfter = new TimeOnly(12, 0, 30) }, "underproducing"),
        ("inv-06", now => new PiFaults { Modes = PiFaultModes.Dark, Since = now }, "darkInDaylight"),
        ("inv-07", now => new PiFaults { Modes = PiFaultModes.Derated, DeratedTo = 0.5, Since = now }, "underproducing"),
        ("inv-08", _ => new PiFaults { Modes = PiFaultModes.ClockOff, ClockOffset = TimeSpan.FromHours(3) }, "clockSkew"),
        ("inv-09", now => new PiFaults { Modes = PiFaultModes.GridOutOfRange, GridVoltageV = 258, Since = now }, "gridOutOfRange"),
        ("inv-10", now => new PiFaults { Modes = PiFaultModes.PowerTotalBackwards, PowerTotalDropKwh = 500, Since = now }, "lifetimeAnomaly"),
        ("inv-11", _ => PiFaults.Of(PiFaultModes.RefuseConnections), "unreachable"),
    ];

    [Fact]
    public async Task Each_simulated_fault_raises_its_alert_in_the_api_and_at_the_webhook_and_resolves_once_the_fault_is_gone()
    {
        await using var receiver = await LoopbackReceiver.AnsweringAsync(Token);
        await using var host = await StartAsync(receiver);
        await using var simulator = await PiSimulator.StartAsync(
            new PiSimulatorOptions { PiCount = Pis.Length, Sites = [new SimulatedSite(Street, Latitude, Longitude, Zone)], Clouds = CloudField.Clear, IdleTimeout = TimeSpan.FromHours(1) },
            host.Clock,
            cancellationToken: Token);
        await host.AddSiteAsync(Street, Zone, Latitude, Longitude);
        for (var i = 0; i < Pis.Length; i++)
        {
            await host.PointAsync(Street, Pis[i].Inverter, simulator.Pis[i].Endpoint.Port, CapacityW);
        }

        // A minute of healthy polls first: each inverter has a history its faults depart from.
        var all = Pis.Select(p => (Street, p.Inverter)).ToArray();
        await StepsAsync(host, all, TimeSpan.FromMinutes(1));
        for (var i = 0; i < Pis.Length; i++)
        {
            if (Pis[i].Fault is { } fault)
            {
                simulator.Pis[i].Faults = fault(host.Clock.GetUtcNow());
            }
        }

        // Every fault is judged within five minutes: three comparison windows of a minute and their settling.
        var answering = Pis.Where(p => p.Alert != "unreachable").Select(p => (Street, p.Inverter)).ToArray();
        await StepsAsync(host, answering, TimeSpan.FromMinutes(5));
        var open = await AlertsAsync(host, "open");
        foreach (var (inverter, _, alert) in Pis)
        {
            Assert.True(
                alert is null ? !open.Any(a => a.Inverter == inverter) : open.Any(a => a.Inverter == inverter && a.Kind == alert),
                $"{inverter}: expected {alert ?? "no alert"}, open: {string.Join(", ", open.Where(a => a.Inverter == inverter).Select(a => a.Kind))}");
        }

        await Eventually.Get(
            () => Task.FromResult(receiver.Requests),
            seen => open.All(a => seen.Any(r => r.DeliveryId == $"{a.Id}:raised")),
            TimeSpan.FromSeconds(20),
            "a raised webhook for every open alert");

        // The faults cleared (PowerTotal stays where it went: its return would be a jump of its own).
        for (var i = 0; i < Pis.Length; i++)
        {
            if (Pis[i].Alert is not (null or "lifetimeAnomaly"))
            {
                simulator.Pis[i].Faults = PiFaults.None;
            }
        }

        await StepsAsync(host, answering, TimeSpan.FromMinutes(5));
        var resolved = await Eventually.Get(
            async () =>
            {
                await host.StepAsync(answering);
                return await AlertsAsync(host, "open");
            },
            still => still.All(a => a.Kind == "lifetimeAnomaly"),
            TimeSpan.FromSeconds(60),
            "every alert but the PowerTotal one to resolve");
        Assert.Single(resolved, a => a.Inverter == "inv-10");

        var history = await AlertsAsync(host, "resolved");
        foreach (var alert in open.Where(a => a.Kind != "lifetimeAnomaly"))
        {
            Assert.Contains(history, a => a.Id == alert.Id);
        }

        await Eventually.Get(
            () => Task.FromResult(receiver.Requests),
            seen => history.All(a => seen.Any(r => r.DeliveryId == $"{a.Id}:resolved")),
            TimeSpan.FromSeconds(20),
            "a resolved webhook for every resolved alert");
        Assert.All(receiver.Requests, r => Assert.NotNull(r.Signature));
        Assert.Equal(receiver.Requests.Count, receiver.Requests.Select(r => r.DeliveryId).Distinct().Count());
    }

    private static Task<LedgerHost> StartAsync(LoopbackReceiver receiver) => LedgerHost.StartAsync(Noon, connectionString: null, factory => factory
        .With("SolarFleet:Alerts:Underproduction:Window", "00:01:00")
        .With("SolarFleet:Alerts:Underproduction:PeerSettle", "00:00:10")
        .With("SolarFleet:Alerts:Timing:DarkInDaylight:RaiseAfter", "00:00:30")
        .With("SolarFleet:Alerts:Timing:DarkInDaylight:ClearAfter", "00:00:30")
        .With("SolarFleet:Alerts:Timing:ClockSkew:RaiseAfter", "00:00:30")
        .With("SolarFleet:Alerts:Timing:ClockSkew:ClearAfter", "00:00:30")
        .With("SolarFleet:Alerts:Timing:GridOutOfRange:RaiseAfter", "00:00:10")
        .With("SolarFleet:Alerts:Timing:GridOutOfRange:ClearAfter", "00:00:15")
        .With("SolarFleet:Alerts:Timing:Unreachable:ClearAfter", "00:00:30")
        .With("SolarFleet:Alerts:Webhooks:0:Name", "installer")
        .With("SolarFleet:Alerts:Webhooks:0:Url", receiver.Url.ToString())
        .With("SolarFleet:Alerts:Webhooks:0:Secret", "a-secret-of-enough-length")
        .With("SolarFleet:Alerts:Delivery:PollInterval", "00:00:00.100"));

    private static async Task StepsAsync(LedgerHost host, (string SiteId, string InverterId)[] inverters, TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromSeconds(LedgerHost.PollSeconds))
        {
            await host.StepAsync(inverters);
        }
    }

    private static async Task<List<(string Id, string Inverter, string Kind)>> AlertsAsync(LedgerHost host, string state)
    {
        var page = await host.Admin.GetJson($"/api/sites/{Street}/alerts?state={state}");
        return page["alerts"]!.AsArray()
            .Select(a => (a!["id"]!.GetValue<string>(), a["inverterId"]!.GetValue<string>(), a["kind"]!.GetValue<string>()))
            .ToList();
    }
}

using System.Globalization;
using SolarFleet.Silo.Tests.Infrastructure;
using SolarFleet.Silo.Tests.Ledger;

namespace SolarFleet.Silo.Tests.Alerts;

/// <summary>
/// Peer comparison end to end: six inverters of one neighbourhood on a fake clock, one of them derated to half; the
/// window shortened to a minute by configuration, as a test (or an impatient operator) may.
/// </summary>
public sealed class UnderproductionApiTests
{
    private const int CapacityW = 4_000;

    // Local noon in Phoenix (UTC-7), midsummer; the clock starts half a minute into a window.
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 19, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task An_inverter_making_half_of_what_its_neighbours_make_is_underproducing_and_its_neighbours_are_not()
    {
        await using var host = await LedgerHost.StartAsync(Noon, connectionString: null, factory => factory
            .With("SolarFleet:Alerts:Underproduction:Window", "00:01:00")
            .With("SolarFleet:Alerts:Underproduction:PeerSettle", "00:00:10"));
        await host.AddSiteAsync("home", "America/Phoenix", 33.45, -112.07);
        await host.AddSiteAsync("next-door", "America/Phoenix", 33.46, -112.08);
        var shares = new[] { 1.0, 0.97, 1.02, 0.99, 1.01, 0.5 };
        var pis = shares.Select(_ => new ScriptedPi()).ToArray();
        var energy = new double[pis.Length];
        var inverters = pis.Select((_, i) => (SiteId: i % 2 == 0 ? "home" : "next-door", InverterId: $"inv-{i}")).ToArray();
        try
        {
            Answer(host, pis, shares, energy);
            for (var i = 0; i < pis.Length; i++)
            {
                await host.PointAsync(inverters[i].SiteId, inverters[i].InverterId, pis[i], CapacityW);
            }

            for (var step = 0; step < 48; step++)
            {
                Answer(host, pis, shares, energy, secondsAhead: LedgerHost.PollSeconds);
                await host.StepAsync(inverters);
            }

            var alert = Assert.Single((await host.Admin.GetJson("/api/alerts?kind=underproducing"))["alerts"]!.AsArray())!;
            Assert.Equal("inv-5", alert["inverterId"]!.GetValue<string>());
            Assert.Equal("warning", alert["severity"]!.GetValue<string>());
            Assert.Equal(5, alert["figures"]!["peers"]!.GetValue<double>());
            Assert.InRange(alert["figures"]!["ratio"]!.GetValue<double>(), 0.45, 0.55);
            Assert.Contains("neighbours", alert["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var pi in pis)
            {
                await pi.DisposeAsync();
            }
        }
    }

    // Every Pi answers a generating inverter whose day energy grows at its share of the array's nameplate.
    private static void Answer(LedgerHost host, ScriptedPi[] pis, double[] shares, double[] energy, int secondsAhead = 0)
    {
        var local = host.Clock.GetUtcNow().AddSeconds(secondsAhead).ToOffset(TimeSpan.FromHours(-7)).DateTime;
        for (var i = 0; i < pis.Length; i++)
        {
            var watts = (int)(CapacityW * 0.8 * shares[i]);
            energy[i] += watts * (secondsAhead / 3600.0);
            pis[i].Values = PiValues.Generating(local.AddSeconds(-2), watts, (long)energy[i], 1000 + (energy[i] / 1000), 36_000);
        }
    }
}

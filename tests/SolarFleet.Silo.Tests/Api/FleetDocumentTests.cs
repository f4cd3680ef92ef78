using System.Net;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Silo.Tests.Api;

public sealed class FleetDocumentTests(SiloWithSimulator host) : IClassFixture<SiloWithSimulator>
{
    private object Document(params (string Site, int[] Pis)[] sites)
    {
        var (zone, latitude, longitude) = DaylightSite.Now();
        return new
        {
            sites = sites.Select(s => new
            {
                id = s.Site,
                name = "Home " + s.Site,
                timeZone = zone,
                latitude,
                longitude,
                inverters = s.Pis.Select(p => new { id = $"pi-{p}", host = host.Simulator.Pis[p].Endpoint.Host, port = host.Simulator.Pis[p].Endpoint.Port, pollSeconds = 5 }).ToArray(),
            }).ToArray(),
        };
    }

    [Fact]
    public async Task The_fleet_is_made_to_match_the_document_and_a_rejected_document_changes_nothing()
    {
        using (var first = await host.Admin.Put("/api/fleet", Document(("north", [0, 1]), ("south", [2]))))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var result = await first.Json();
            Assert.Equal(2, (int)result["sites"]!);
            Assert.Equal(3, (int)result["inverters"]!);
        }

        using (var second = await host.Admin.Put("/api/fleet", Document(("north", [0]), ("east", [3]))))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(1, (int)(await second.Json())["sitesRemoved"]!);
        }

        var sites = await host.Reader.GetJson("/api/sites");
        Assert.Equal(["east", "north"], sites.AsArray().Select(s => (string)s!["id"]!).Order(StringComparer.Ordinal));
        var north = await host.Reader.GetJson("/api/sites/north/inverters");
        Assert.Equal(["pi-0"], north.AsArray().Select(i => (string)i!["id"]!));

        // One bad port deep in the document: 400 naming it, and the fleet is as it was.
        var (zone, _, _) = DaylightSite.Now();
        var bad = new
        {
            sites = new object[]
            {
                new { id = "west", name = "West", timeZone = zone, inverters = new object[] { new { id = "a", host = "127.0.0.1", port = 50000 } } },
                new { id = "north", name = "North", timeZone = zone, inverters = new object[] { new { id = "a", host = "127.0.0.1", port = 80 } } },
            },
        };
        using (var rejected = await host.Admin.Put("/api/fleet", bad))
        {
            Assert.Equal(["sites[1].inverters[0].port"], await rejected.ErrorFields());
        }

        var after = await host.Reader.GetJson("/api/sites");
        Assert.Equal(["east", "north"], after.AsArray().Select(s => (string)s!["id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Duplicate_ids_in_a_document_are_named()
    {
        using var response = await host.Admin.Put("/api/fleet", Document(("dup", [0]), ("dup", [1])));

        Assert.Equal(["sites[1].id"], await response.ErrorFields());
    }
}

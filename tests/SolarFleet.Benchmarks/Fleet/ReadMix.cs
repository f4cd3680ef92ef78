using System.Globalization;

namespace SolarFleet.Benchmarks.Fleet;

/// <summary>One read the load sends: its kind (what the report groups it under) and the address asked for.</summary>
public sealed record ReadRequest(string Kind, string PathAndQuery);

/// <summary>
/// What the reads are: the API's roll-ups, sites and energy reports as a client would ask for them, and the dashboard's
/// pages as a browser gets them (server-rendered HTML: the figures are in the page). The kinds are drawn by weight
/// from a seeded generator, so two runs of the same size send the same sequence.
/// </summary>
public sealed class ReadMix(int sites, DateOnly today, int seed = 15)
{
    /// <summary>
    /// Kinds and weights (out of 40). The API's sites list is asked for a page at a time, as a client of a large fleet
    /// does (the whole list is a few MB at 10,000 sites), and rarely; the dashboard's pages are what people look at most.
    /// </summary>
    public static readonly IReadOnlyList<(string Kind, int Weight)> Kinds =
    [
        ("GET /api/fleet", 4),
        ("GET /api/sites?limit=500", 1),
        ("GET /api/sites/{siteId}", 6),
        ("GET /api/sites/{siteId}/energy?interval=day", 4),
        ("GET /api/sites/{siteId}/energy?interval=month", 2),
        ("GET /", 6),
        ("GET /sites", 8),
        ("GET /sites/{siteId}", 9),
    ];

    private static readonly string[] Sorts = ["name", "power", "energytoday", "lastseen"];
    private static readonly int TotalWeight = Kinds.Sum(k => k.Weight);
    private readonly Random _random = new(seed);
    private int _sitesListed;

    public ReadRequest Next()
    {
        var drawn = _random.Next(TotalWeight);
        var kind = Kinds.First(k => (drawn -= k.Weight) < 0).Kind;
        var site = FleetDocumentWriter.SiteId(_random.Next(sites));
        return new ReadRequest(kind, kind switch
        {
            "GET /api/fleet" => "/api/fleet",
            "GET /api/sites?limit=500" => $"/api/sites?limit=500&after={site}",
            "GET /api/sites/{siteId}" => $"/api/sites/{site}",
            // The last 30 days by day, and this year by month: what a billing tool asks for.
            "GET /api/sites/{siteId}/energy?interval=day" => Invariant($"/api/sites/{site}/energy?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=day"),
            "GET /api/sites/{siteId}/energy?interval=month" => Invariant($"/api/sites/{site}/energy?from={today.Year}-01-01&to={today:yyyy-MM-dd}&interval=month"),
            "GET /" => "/",
            "GET /sites" => SitesPage(),
            _ => $"/sites/{site}",
        });
    }

    /// <summary>A page of the sites list: mostly a plain page, every fourth a search, every fourth another a sort.</summary>
    private string SitesPage()
    {
        var pages = Math.Max(1, (sites + 24) / 25);
        var page = _random.Next(1, pages + 1);
        return (_sitesListed++ % 4) switch
        {
            1 => Invariant($"/sites?q=site-{_random.Next(Math.Max(1, sites / 10)):00000}"),
            3 => Invariant($"/sites?sort={Sorts[_random.Next(Sorts.Length)]}&p={page}"),
            _ => Invariant($"/sites?p={page}"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

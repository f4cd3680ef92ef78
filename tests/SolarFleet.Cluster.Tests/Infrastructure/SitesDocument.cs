using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SolarFleet.Silo.Tests.Infrastructure;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// Fleet documents of sites without inverters (what a fleet document is mostly made of), and what GET /api/sites
/// shows of them: each site's id and name.
/// </summary>
public static class SitesDocument
{
    /// <summary><paramref name="count"/> sites "<paramref name="prefix"/>-00000" and on, named "<paramref name="name"/> 0" and on.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Numbered(string prefix, int count, string name) =>
        Enumerable.Range(0, count).Select(i => KeyValuePair.Create(
            string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:00000}"),
            string.Create(CultureInfo.InvariantCulture, $"{name} {i}")));

    /// <summary>The body of PUT /api/fleet declaring exactly <paramref name="sites"/> (id to name).</summary>
    public static string Json(IEnumerable<KeyValuePair<string, string>> sites) =>
        JsonSerializer.Serialize(new { sites = sites.Select(site => new { id = site.Key, name = site.Value, timeZone = "UTC" }) });

    /// <summary>The sites GET /api/sites listed, as "id=name" in id order.</summary>
    public static IReadOnlyList<string> Listed(JsonNode sites) =>
        [.. sites.AsArray().Select(site => $"{site!["id"]}={site["name"]}").Order(StringComparer.Ordinal)];

    /// <summary>Sites as "id=name" in id order, to compare with <see cref="Listed"/>.</summary>
    public static IReadOnlyList<string> Expected(IEnumerable<KeyValuePair<string, string>> sites) =>
        [.. sites.Select(site => $"{site.Key}={site.Value}").Order(StringComparer.Ordinal)];

    /// <summary>Waits until GET /api/sites lists exactly <paramref name="sites"/> (id to name), no more and no fewer.</summary>
    public static async Task WaitListedAsync(HttpClient api, IEnumerable<KeyValuePair<string, string>> sites)
    {
        var expected = Expected(sites);
        await Eventually.Get(
            async () => Listed(await api.GetJson("/api/sites")),
            listed => listed.SequenceEqual(expected, StringComparer.Ordinal),
            TimeSpan.FromSeconds(60),
            "GET /api/sites to list exactly the document's sites",
            listed => Difference(listed, expected));
    }

    /// <summary>How a listing differs from the expected one, for failure messages.</summary>
    public static string Difference(IReadOnlyList<string> listed, IReadOnlyList<string> expected)
    {
        var missing = expected.Except(listed, StringComparer.Ordinal).ToList();
        var extra = listed.Except(expected, StringComparer.Ordinal).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{listed.Count} listed, {expected.Count} expected; {missing.Count} missing ({string.Join(", ", missing.Take(5))}), {extra.Count} not in the document ({string.Join(", ", extra.Take(5))})");
    }
}

using System.Globalization;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Silo.Api.Validation;

namespace SolarFleet.Silo.Api;

/// <summary>
/// A page of the sites list, by id. At 10,000 sites the whole list is a few MB; a client takes it a page at a time,
/// following the <c>Link: rel="next"</c> header, and each page starts after the last id it saw, so a site added or
/// removed meanwhile neither repeats nor hides another.
/// </summary>
public sealed record SitePage(int? Limit, string? After)
{
    public const int MaxLimit = 1_000;

    public static SitePage? Parse(SitePageParameters parameters, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        var limit = parameters.Limit is { } text ? RequestValidator.CheckLimit(errors, "limit", text, MaxLimit) : null;

        if (parameters.After is not null)
        {
            RequestValidator.CheckId(errors, "after", parameters.After);
        }

        return errors.IsEmpty ? new SitePage(limit, parameters.After) : null;
    }

    /// <summary>The page's sites from a list sorted by id, and whether more follow.</summary>
    public (IReadOnlyList<SiteSummary> Sites, bool More) Take(IReadOnlyList<SiteSummary> byId)
    {
        ArgumentNullException.ThrowIfNull(byId);
        var start = After is null ? 0 : FirstAfter(byId, After);
        var count = Math.Min(Limit ?? int.MaxValue, byId.Count - start);
        var sites = new SiteSummary[count];
        for (var i = 0; i < count; i++)
        {
            sites[i] = byId[start + i];
        }

        return (sites, start + count < byId.Count);
    }

    /// <summary>The address of the page after one that ended at <paramref name="lastId"/>.</summary>
    public string NextPath(string basePath, string lastId) =>
        string.Create(CultureInfo.InvariantCulture, $"{basePath}?limit={Limit}&after={Uri.EscapeDataString(lastId)}");

    // Binary search: the list is sorted by id, and a page deep into 10,000 sites should not scan the ones before it.
    private static int FirstAfter(IReadOnlyList<SiteSummary> byId, string after)
    {
        int low = 0, high = byId.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(byId[middle].SiteId, after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

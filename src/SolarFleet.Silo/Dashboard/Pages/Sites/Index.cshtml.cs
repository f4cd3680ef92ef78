using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Dashboard.Sites;

namespace SolarFleet.Silo.Dashboard.Pages.Sites;

public sealed class SitesModel(SiteListReader reader) : PageModel
{
    public string? Q { get; private set; }

    public string? Health { get; private set; }

    public string? Kind { get; private set; }

    public SiteListQuery Query { get; private set; } = null!;

    public SiteListPage List { get; private set; } = null!;

    public async Task OnGetAsync(string? q, string? health, string? kind, string? sort, int? p, CancellationToken cancellationToken)
    {
        (Q, Health, Kind) = (q, health, kind);
        Query = SiteListReader.Parse(q, health, kind, sort, p);
        List = await reader.ReadAsync(Query, cancellationToken);
    }

    /// <summary>This list's address at another page, keeping its filters.</summary>
    public string Link(int page)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in new[] { ("q", Q), ("health", Health), ("kind", Kind), ("sort", Query.Sort.ToString().ToLowerInvariant()) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name, value);
            }
        }

        query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/sites" + query.ToQueryString();
    }
}

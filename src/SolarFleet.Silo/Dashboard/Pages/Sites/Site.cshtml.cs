using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Dashboard.Sites;

namespace SolarFleet.Silo.Dashboard.Pages.Sites;

public sealed class SiteModel(SitePageReader reader) : PageModel
{
    public SitePage Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string siteId, CancellationToken cancellationToken)
    {
        if (!Api.Validation.RequestValidator.IsValidId(siteId) || await reader.ReadAsync(siteId, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        Site = page;
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Dashboard.Pages.Admin;

/// <summary>Asks before removing a site, or (at .../inverters/{inverterId}/remove) one inverter, and removes on the confirming post.</summary>
public sealed class RemoveModel(FleetReads reads, FleetRegistry registry) : PageModel
{
    public string SiteId { get; private set; } = "";

    public string? InverterId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string siteId, string? inverterId) =>
        await Exists(siteId, inverterId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string siteId, string? inverterId)
    {
        if (!await Exists(siteId, inverterId))
        {
            return NotFound();
        }

        if (inverterId is null)
        {
            await registry.RemoveSiteAsync(siteId);
            return LocalRedirect("/sites");
        }

        await registry.RemoveInverterAsync(siteId, inverterId);
        return LocalRedirect("/sites/" + siteId);
    }

    private async Task<bool> Exists(string siteId, string? inverterId)
    {
        (SiteId, InverterId) = (siteId, inverterId);
        return RequestValidator.IsValidId(siteId)
            && await reads.LiveSiteAsync(siteId) is { } site
            && (inverterId is null || (RequestValidator.IsValidId(inverterId) && site.Inverters.ContainsKey(inverterId)));
    }
}

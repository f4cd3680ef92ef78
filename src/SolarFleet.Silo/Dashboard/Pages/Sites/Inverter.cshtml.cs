using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Abstractions.Inverters;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Reads;

namespace SolarFleet.Silo.Dashboard.Pages.Sites;

public sealed class InverterModel(FleetReads reads) : PageModel
{
    public InverterSnapshot Inverter { get; private set; } = null!;

    public string TimeZone { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string siteId, string inverterId)
    {
        if (!RequestValidator.IsValidId(siteId) || !RequestValidator.IsValidId(inverterId)
            || await reads.LiveSiteAsync(siteId) is not { } site || !site.Inverters.ContainsKey(inverterId)
            || await reads.InverterAsync(siteId, inverterId) is not { } inverter)
        {
            return NotFound();
        }

        (Inverter, TimeZone) = (inverter, site.Settings.TimeZone);
        return Page();
    }
}

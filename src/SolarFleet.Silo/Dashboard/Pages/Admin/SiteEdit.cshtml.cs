using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Dashboard.Admin;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Dashboard.Pages.Admin;

/// <summary>Adds a site (at /admin/sites/new, without a site id in the route) or edits one.</summary>
public sealed class SiteEditModel(FleetReads reads, FleetRegistry registry) : PageModel
{
    public SiteForm Form { get; private set; } = new();

    public bool IsNew { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(string? siteId)
    {
        IsNew = siteId is null;
        if (IsNew)
        {
            return Page();
        }

        if (!RequestValidator.IsValidId(siteId) || await reads.LiveSiteAsync(siteId!) is not { } site)
        {
            return NotFound();
        }

        Form = SiteForm.Of(site);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? siteId, [FromForm] SiteForm form)
    {
        IsNew = siteId is null;
        form.Id = IsNew ? form.Id?.Trim() : siteId;
        Form = form;
        var errors = new ValidationErrors();
        var settings = form.Check(errors);
        if (settings is not null && IsNew && await reads.LiveSiteAsync(form.Id!) is not null)
        {
            errors.Add("id", $"'{form.Id}' is already a site; open it to edit it.");
        }

        if (!errors.IsEmpty || settings is null)
        {
            Errors = errors.ToDictionary();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await registry.SaveSiteAsync(form.Id!, settings);
        return LocalRedirect("/sites/" + form.Id);
    }
}

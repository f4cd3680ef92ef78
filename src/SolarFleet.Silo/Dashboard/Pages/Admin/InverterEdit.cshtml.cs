using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SolarFleet.Abstractions.Sites;
using SolarFleet.Network;
using SolarFleet.Silo.Api.Validation;
using SolarFleet.Silo.Dashboard.Admin;
using SolarFleet.Silo.Reads;
using SolarFleet.Silo.Registration;

namespace SolarFleet.Silo.Dashboard.Pages.Admin;

/// <summary>Adds (at .../inverters/new) or edits an inverter, with "test this Pi" before saving.</summary>
public sealed class InverterEditModel(FleetReads reads, FleetRegistry registry, PiProbe probe, TargetPolicy policy) : PageModel
{
    public string SiteId { get; private set; } = "";

    public InverterForm Form { get; private set; } = new();

    public bool IsNew { get; private set; }

    public PiProbeResult? Probe { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(string siteId, string? inverterId)
    {
        if (await Site(siteId, inverterId) is null)
        {
            return NotFound();
        }

        if (!IsNew && await reads.InverterAsync(siteId, inverterId!) is { } inverter)
        {
            Form = InverterForm.Of(inverter);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostProbeAsync(string siteId, string? inverterId, [FromForm] InverterForm form, CancellationToken cancellationToken)
    {
        if (await Site(siteId, inverterId) is null)
        {
            return NotFound();
        }

        Form = Bind(form, inverterId);
        var errors = new ValidationErrors();
        if (form.Check(errors, policy) is { } settings)
        {
            Probe = await probe.ProbeAsync(settings.Host, settings.Port, cancellationToken);
        }

        Errors = errors.ToDictionary();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string siteId, string? inverterId, [FromForm] InverterForm form)
    {
        if (await Site(siteId, inverterId) is not { } site)
        {
            return NotFound();
        }

        Form = Bind(form, inverterId);
        var errors = new ValidationErrors();
        var settings = form.Check(errors, policy);
        if (settings is not null && IsNew && site.Inverters.ContainsKey(form.Id!))
        {
            errors.Add("id", $"'{form.Id}' is already an inverter of this site; open it to edit it.");
        }

        if (!errors.IsEmpty || settings is null)
        {
            Errors = errors.ToDictionary();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await registry.SaveInverterAsync(site, form.Id!, settings);
        return LocalRedirect($"/sites/{siteId}/inverters/{form.Id}");
    }

    private InverterForm Bind(InverterForm form, string? inverterId)
    {
        form.Id = IsNew ? form.Id?.Trim() : inverterId;
        return form;
    }

    /// <summary>The live site of the route (and, editing, one of its inverters), or null for a 404.</summary>
    private async Task<SiteSnapshot?> Site(string siteId, string? inverterId)
    {
        SiteId = siteId;
        IsNew = inverterId is null;
        if (!RequestValidator.IsValidId(siteId) || await reads.LiveSiteAsync(siteId) is not { } site)
        {
            return null;
        }

        return IsNew || (RequestValidator.IsValidId(inverterId) && site.Inverters.ContainsKey(inverterId!)) ? site : null;
    }
}
